/**
 * `new --from FILE`: read a CSV (UTF-8 or GBK) or JSON Lines file, check every row, and only when all are
 * good create the cases in one go. Bad rows: every problem with its line and field, exit 2, nothing written.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../../context.js';
import { type BatchRow, checkRows, columnFlag, columnMap, type RowProblem } from '../../core/batch-rows.js';
import type { Complainant } from '../../core/case-model.js';
import { type Client, complainantOf } from '../../core/client.js';
import { ORDER_FIELDS } from '../../core/order-field-list.js';
import { InputError, UsageError } from '../../errors.js';
import { createTranslator } from '../../ui/i18n.js';
import { clientStore } from './client.js';

type Options = { zone: string; defaults: { demand: string; status: string }; complainant?: Complainant };

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
async function decode(bytes: Buffer): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const iconv = (await import('iconv-lite')).default;
    return iconv.decode(bytes, 'gb18030');
  }
}

/** The Chinese prompt of each field ("实付金额（元）" → "实付金额") as one more column name. */
function promptNames(): Record<string, string[]> {
  const zh = createTranslator('zh');
  const names: Record<string, string[]> = {};
  for (const field of ORDER_FIELDS) {
    const key = `prompt.${field.flag}`;
    const text = zh(key);
    if (text !== key) names[field.flag] = [text.replace(/[（(].*$/, '').trim()];
  }
  return names;
}

type Table = { columns: string[]; rows: { line: number; cells: Record<string, unknown> }[] };

async function parseCsv(text: string, file: string): Promise<Table> {
  const { parse } = await import('csv-parse/sync');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let columns: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => {
        columns = header;
        return header;
      },
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new InputError('batch.unreadable', { file, reason: error instanceof Error ? error.message : String(error) });
  }
  return { columns, rows: records.map(({ record, info }) => ({ line: info.lines, cells: record })) };
}

function parseJsonLines(text: string): { table: Table; problems: RowProblem[] } {
  const rows: Table['rows'] = [];
  const problems: RowProblem[] = [];
  const columns = new Set<string>();
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    const line = index + 1;
    try {
      const value = JSON.parse(lineText) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push({ line, field: '-', key: 'batch.notObject', params: {} });
        return;
      }
      for (const key of Object.keys(value)) columns.add(key);
      rows.push({ line, cells: value as Record<string, unknown> });
    } catch (error) {
      problems.push({ line, field: '-', key: 'batch.badJson', params: { reason: (error as Error).message } });
    }
  });
  return { table: { columns: [...columns], rows }, problems };
}

export async function intakeBatch(context: Context, fileArgument: string, options: Options): Promise<void> {
  const { t } = context;
  const file = path.resolve(fileArgument);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('batch.fileMissing', { file, flag: '--from' });
    throw new InputError('batch.unreadable', { file, reason: code ?? String(error), flag: '--from' });
  }
  const extension = path.extname(file).toLowerCase();
  const text = await decode(bytes);
  let table: Table;
  const problems: RowProblem[] = [];
  if (extension === '.csv' || extension === '.txt') table = await parseCsv(text, file);
  else if (extension === '.jsonl' || extension === '.ndjson' || extension === '.json') {
    const parsed = parseJsonLines(text);
    table = parsed.table;
    problems.push(...parsed.problems);
  } else throw new UsageError('batch.format', { file, flag: '--from' });

  const map = columnMap(promptNames());
  const unknown = table.columns.filter((c) => c.trim() !== '' && columnFlag(map, c) === undefined);
  if (unknown.length > 0) {
    throw new InputError('batch.unknownColumn', { file, columns: unknown.join(', '), known: [...ORDER_FIELDS.map((f) => f.flag), 'client', 'time-zone'].join(', ') });
  }
  const rows: BatchRow[] = table.rows.map(({ line, cells }) => {
    const values: Record<string, string> = {};
    for (const [column, value] of Object.entries(cells)) {
      const flag = columnFlag(map, column);
      if (flag && value !== null && value !== undefined) values[flag] = String(value);
    }
    return { line, values };
  });
  if (rows.length === 0 && problems.length === 0) throw new InputError('batch.empty', { file });

  const checked = checkRows(rows, { zone: options.zone, now: context.now() }, options.defaults);
  problems.push(...checked.problems);
  // a client named in a row must exist
  const resolved = new Map<string, Client>();
  const named = checked.good.filter((row) => row.client !== undefined);
  if (named.length > 0) {
    const store = await clientStore(context);
    const clients = store.list();
    const failed = new Map<string, UsageError>();
    for (const row of named) {
      const reference = row.client!;
      if (!resolved.has(reference) && !failed.has(reference)) {
        try {
          resolved.set(reference, store.resolve(reference, clients));
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          failed.set(reference, error);
        }
      }
      const error = failed.get(reference);
      if (error) problems.push({ line: row.line, field: '--client', key: error.key, params: error.params });
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const lines = problems.map((p) => t('batch.problem', { line: p.line, field: p.field, message: t(p.key, { ...p.params, field: p.field }) }));
    const lineCount = new Set(problems.map((p) => p.line)).size;
    throw new InputError('batch.invalid', { file, count: lineCount, problems: lines.join('\n') }, 'batch.hint.invalid').withDetails({ problems });
  }

  const list = checked.good.map((row) => {
    const client = row.client ? resolved.get(row.client) : undefined;
    const complainant = client ? complainantOf(client) : options.complainant;
    return complainant ? { ...row.facts, complainant } : row.facts;
  });
  const caseStore = await context.store();
  const progress = context.out.progress(t('batch.progress', { done: 0, total: list.length }));
  let last = 0;
  const created = await caseStore.createMany(list, context.now(), (_case, done) => {
    const now = Date.now();
    if (progress && (now - last > 100 || done === list.length)) {
      last = now;
      progress.update(t('batch.progress', { done, total: list.length }));
    }
  });
  progress?.stop();
  const { caseSummaries } = await import('../../store/case-index.js');
  const { summaries } = await caseSummaries(caseStore);
  const newIds = new Set(created.map((c) => c.id));
  const earlier = new Set(summaries.filter((s) => !newIds.has(s.id)).map((s) => s.order));
  const repeated = created.filter((c) => earlier.has(c.order.number)).map((c) => c.order.number);
  context.out.result(
    created.map((c) => ({ id: c.id, order: c.order.number, ...(c.complainant ? { client: c.complainant.clientId ?? c.complainant.name } : {}) })),
    () => created.map((c) => c.id).join('\n'),
  );
  context.out.success(t('batch.created', { count: created.length, ids: created.length > 6 ? `${created[0]!.id} … ${created.at(-1)!.id}` : created.map((c) => c.id).join(', ') }));
  if (repeated.length > 0) context.out.warn(t('batch.duplicates', { count: repeated.length, orders: repeated.slice(0, 10).join(', ') }));
}
