import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../../context.js';
import type { Complainant } from '../../core/case-model.js';
import type { CaseStore } from '../../store/case-store.js';
import { parseDuration } from '../../core/duration.js';
import { InputError } from '../../errors.js';
import { writeRequestedFile } from '../../store/file-system.js';
import { type ChosenFont, findCjkFont, type FontRequest } from '../../documents/fonts.js';

/** Fonts already found in this process (the demo writes two documents; a script may write many). */
const fontsFound = new Map<string, Promise<ChosenFont>>();

/** The CJK font for a command: --font, else the `font` setting (context.config.font), else the system's. */
export function fontForCommand(context: Context): Promise<ChosenFont> {
  const chosen = context.config.font;
  const request: FontRequest = {
    ...(chosen?.from === 'flag' ? { flag: chosen.value } : chosen ? { setting: chosen.value } : {}),
    env: context.env,
  };
  const key = JSON.stringify([request.flag, request.setting, context.env.WEIQUAN_FONT_DIRS]);
  let found = fontsFound.get(key);
  if (!found) {
    found = findCjkFont(request);
    fontsFound.set(key, found);
    found.catch(() => fontsFound.delete(key));
  }
  return found;
}

/** A duration flag such as --reply-within 3d, in minutes. */
export function durationFlag(raw: string | undefined, fallback: string, flag: string): number {
  const minutes = parseDuration(raw ?? fallback);
  if (minutes === undefined) throw new InputError('documents.replyWithin.invalid', { value: raw ?? fallback, flag });
  return minutes;
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Write a generated document atomically; a folder given as -o is a usage mistake. */
export async function writeDocument(file: string, content: Buffer, dataHome: string): Promise<string> {
  const target = path.resolve(file);
  try {
    if (statSync(target).isDirectory()) throw new InputError('documents.output.exists', { path: target });
  } catch (error) {
    if (error instanceof InputError) throw error;
  }
  await writeRequestedFile(target, content, dataHome);
  return target;
}

/** A file name made safe from an order number (for default output names). */
export function safeName(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'document';
}

/**
 * Record a generated document in the case's journal: its path relative to the case folder when it lies inside
 * (so the case can move), else the absolute path; its SHA-256; and, for a letter, the reply date it states.
 */
export async function recordGeneratedDocument(
  context: Context,
  store: CaseStore,
  caseId: string,
  document: { document: string; file: string; sha256: string; replyBy?: string; complainant?: Complainant },
): Promise<void> {
  const relative = path.relative(store.caseDir(caseId), document.file);
  const stored = relative.startsWith('..') || path.isAbsolute(relative) ? document.file : relative.split(path.sep).join('/');
  await store.mutate(caseId, () => context.now(), () => ({
    type: 'document.generated',
    data: { document: document.document, path: stored, sha256: document.sha256, ...(document.replyBy !== undefined ? { replyBy: document.replyBy } : {}), ...(document.complainant ? { complainant: document.complainant } : {}) },
  }));
}
