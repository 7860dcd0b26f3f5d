import path from 'node:path';
import { DateTime } from '../core/time.js';
import type { Context } from '../context.js';
import { openResult } from '../ui/desktop.js';
import { parsePhone, parseText } from '../core/contact-details.js';
import { InputError } from '../errors.js';
import { fontForCommand, recordGeneratedDocument, sha256Hex, writeDocument } from './shared/document-output.js';
import { caseComplainant } from './shared/client.js';
import { buildLetterContent } from './shared/letter-content.js';

export type AuthorizeOptions = { agentName?: string; agentPhone?: string; agentId?: string; scope?: string; until?: string; routes?: string; output?: string; font?: string; open?: boolean };

/** 15- or 18-character mainland ID, or a passport / permit number. */
const ID_NUMBER = /^(\d{17}[\dXx]|\d{15}|[A-Za-z0-9-]{6,20})$/;

const ROUTES = ['platform', 'association', 'regulator'] as const;

/** --routes platform,association,regulator (default: all three), in that order. */
function parseRoutes(raw: string | undefined): (typeof ROUTES)[number][] {
  if (raw === undefined) return [...ROUTES];
  const asked = raw.split(/[,，\s]+/).filter(Boolean);
  const bad = asked.find((r) => !(ROUTES as readonly string[]).includes(r));
  if (bad !== undefined || asked.length === 0) throw new InputError('authorize.routes.invalid', { value: raw, allowed: ROUTES.join(','), flag: '--routes' });
  return ROUTES.filter((r) => asked.includes(r));
}

export async function run(context: Context, reference: string, options: AuthorizeOptions): Promise<void> {
  const store = await context.store();
  const record = await store.loadForDocuments(await store.resolve(reference));
  const missing = [options.agentName ? '' : '--agent-name', options.agentPhone ? '' : '--agent-phone'].filter(Boolean);
  let agentName = options.agentName;
  let agentPhone = options.agentPhone;
  if (missing.length > 0) {
    if (!context.interactive) throw new InputError('input.missingFlags', { flags: missing.join(' ') });
    const prompts = await context.prompts();
    agentName ??= await prompts.text({ message: context.t('flag.agentName'), required: true, validate: (v) => parseText(v, '--agent-name', 100) });
    agentPhone ??= await prompts.text({ message: context.t('flag.agentPhone'), required: true, validate: parsePhone });
  }
  const scope = options.scope ?? 'general';
  if (scope !== 'general' && scope !== 'special') throw new InputError('authorize.scope.invalid', { value: scope, flag: '--scope' });
  if (options.agentId !== undefined && !ID_NUMBER.test(options.agentId.trim())) throw new InputError('authorize.agentId.invalid', { value: options.agentId, flag: '--agent-id' });
  let until: string | undefined;
  if (options.until !== undefined) {
    const date = DateTime.fromFormat(options.until.trim(), 'yyyy-MM-dd', { zone: record.timeZone });
    const today = DateTime.fromJSDate(context.now()).setZone(record.timeZone).startOf('day');
    if (!date.isValid || date < today) throw new InputError('authorize.until.invalid', { value: options.until, flag: '--until' });
    until = context.documentLang === 'zh' ? `${date.year}年${date.month}月${date.day}日` : date.setLocale('en-GB').toFormat('d MMMM yyyy');
  }
  const routes = parseRoutes(options.routes);
  const agent = { name: parseText(agentName!, '--agent-name', 100), phone: parsePhone(agentPhone!), ...(options.agentId ? { id: options.agentId.trim() } : {}) };
  const complainant = await caseComplainant(context, record);
  const content = await buildLetterContent(context, record, complainant, {});
  const font = await fontForCommand(context);
  const { renderAuthorizationPdf } = await import('../documents/authorization.js');
  const pdf = await renderAuthorizationPdf({ content, agent, scope, routes, ...(until ? { until } : {}), font, creationDate: context.now(), caseId: record.id });
  const caseDir = store.caseDir(record.id);
  const written = await writeDocument(options.output ?? path.join(caseDir, 'out', `authorization-${content.date}.pdf`), pdf, context.locations.home);
  const sha256 = sha256Hex(pdf);
  await recordGeneratedDocument(context, store, record.id, { document: 'authorization', file: written, sha256 });
  context.out.result({ caseId: record.id, path: written, sha256, agent: agent.name, scope }, () => written);
  if (options.open) await openResult(context, written);
  context.out.success(context.t('authorize.written', { path: written }));
}
