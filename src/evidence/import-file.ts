import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceItem, EvidenceKind } from '../core/case-model.js';
import { InputError } from '../errors.js';
import { readExif, type ExifSummary } from './exif.js';
import { derivedEvidenceTitle, evidenceSource, type NameTranslate } from './naming.js';
import { extensionDisagrees, sniffFileType, type SniffedType } from './sniff.js';
import { createStaging, describeStagedFile, type PendingEvidence, stageCopy } from './staging.js';

/** What a file to import turned out to be, read from the source before anything is written. */
export type InspectedFile = {
  source: string;
  originalName: string;
  storedName: string;
  size: number;
  modifiedAt: string;
  type: SniffedType;
  extensionMismatch: boolean;
  exif?: ExifSummary;
};

const UNSAFE_NAME_CHARACTERS = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const MAX_NAME_BYTES = 120;

/** A file name safe on every OS, keeping the original's readable part and extension. */
export function safeFileName(original: string): string {
  const base = path.basename(original.replace(/\\/g, '/'));
  let name = base.replace(UNSAFE_NAME_CHARACTERS, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) name = `_${name}`;
  if (name === '' || name.startsWith('.staging-')) {
    const extension = path.extname(base).replace(UNSAFE_NAME_CHARACTERS, '');
    name = `file${extension === '.' ? '' : extension}`;
  }
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    const extension = path.extname(name).slice(0, 16);
    let stem = name.slice(0, name.length - extension.length);
    while (Buffer.byteLength(stem + extension) > MAX_NAME_BYTES) stem = Array.from(stem).slice(0, -1).join('');
    name = stem + extension;
  }
  return name;
}

/** Check a file can be imported and learn its type, size and EXIF; writes nothing. */
export async function inspectFile(file: string): Promise<InspectedFile> {
  const source = path.resolve(file);
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'evidence.file.missing' : 'evidence.file.unreadable', { file, reason: code ?? String(error) });
  }
  if (info.isDirectory()) throw new InputError('evidence.file.isDirectory', { file });
  if (!info.isFile()) throw new InputError('evidence.file.notRegular', { file });
  if (info.size === 0) throw new InputError('evidence.file.empty', { file });
  let type: SniffedType;
  try {
    type = await sniffFileType(source);
  } catch (error) {
    throw new InputError('evidence.file.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  const originalName = path.basename(source);
  const exif = await readExif(source, type.mime);
  return {
    source,
    originalName,
    storedName: safeFileName(originalName),
    size: info.size,
    modifiedAt: info.mtime.toISOString(),
    type,
    extensionMismatch: extensionDisagrees(originalName, type),
    ...(exif ? { exif } : {}),
  };
}

/**
 * What the user decided for an imported file. Without a title the name is derived (kind, form, date); `naming`
 * looks up the words of names and sources in the documents' language (the caller's catalogue).
 */
export type ImportDecisions = { kind: EvidenceKind; proves: string; note?: string; title?: string; naming?: NameTranslate; meta?: Record<string, unknown> };

/** Copy an inspected file into a staging folder of the case; filing it gives it its id. */
export async function stageImport(caseDir: string, inspected: InspectedFile, decisions: ImportDecisions): Promise<PendingEvidence> {
  const staging = await createStaging(caseDir);
  try {
    const copied = await stageCopy(staging, inspected.source, inspected.storedName);
    if (copied.size !== inspected.size) throw new InputError('evidence.file.changedDuringImport', { file: inspected.source });
  } catch (error) {
    await staging.remove();
    if ((error as NodeJS.ErrnoException).code) throw new InputError('evidence.file.unreadable', { file: inspected.source, reason: (error as NodeJS.ErrnoException).code! });
    throw error;
  }
  return {
    staging,
    async finish(id, current, addedAt): Promise<EvidenceItem> {
      const file = await describeStagedFile(staging, id, inspected.storedName, 'original', inspected.type.mime);
      const meta = {
        import: {
          originalName: inspected.originalName,
          originalModifiedAt: inspected.modifiedAt,
          typeDetectedBy: inspected.type.detectedBy,
          ...(inspected.extensionMismatch ? { extensionMismatch: true } : {}),
        },
        ...(inspected.exif ? { exif: inspected.exif } : {}),
        ...decisions.meta,
      };
      const draft = { kind: decisions.kind, files: [file], meta, addedAt, source: inspected.originalName };
      const { naming } = decisions;
      return {
        id,
        kind: decisions.kind,
        title: decisions.title ?? (naming ? derivedEvidenceTitle(draft, current.timeZone, naming) : inspected.originalName),
        source: naming ? evidenceSource(draft, current.timeZone, naming) : `imported: ${inspected.originalName}`,
        proves: decisions.proves,
        ...(decisions.note ? { note: decisions.note } : {}),
        addedAt,
        files: [file],
        meta,
      };
    },
  };
}
