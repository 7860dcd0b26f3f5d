/**
 * Read a bill export into rows of cells: CSV (UTF-8 with or without BOM, else GB18030 as Alipay writes it)
 * through csv-parse, XLSX through read-excel-file (loaded only for an .xlsx).
 */
import { readFile } from 'node:fs/promises';

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeBillText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Excel keeps a wall-clock time without a zone; read-excel-file hands it over as that time in UTC. */
function cellText(cell: unknown): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 19).replace('T', ' ');
  return cell === null || cell === undefined ? '' : String(cell);
}

export async function readBillRows(file: string): Promise<string[][] | undefined> {
  const bytes = await readFile(file);
  if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    try {
      const sheets = await readXlsxFile(bytes);
      return sheets.flatMap((sheet) => sheet.data.map((row) => row.map(cellText)));
    } catch {
      return undefined;
    }
  }
  const { parse } = await import('csv-parse/sync');
  try {
    return parse(decodeBillText(bytes), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch {
    return undefined;
  }
}
