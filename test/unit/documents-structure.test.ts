/**
 * The documents' code stays small and speaks through the message catalogue: no file of src/documents is
 * longer than about 250 lines, and no document chooses its words inline by language (`zh ? '中文' : 'English'`)
 * — words come from the templates or from src/ui/messages in the documents' language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCUMENTS = path.join(ROOT, 'src', 'documents');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const SOURCES = files(DOCUMENTS).map((file) => ({ name: path.relative(ROOT, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }));

describe('src/documents', () => {
  it('has its files', () => {
    expect(SOURCES.map((s) => s.name)).toContain('src/documents/pdf-writer.ts');
    expect(SOURCES.length).toBeGreaterThan(20);
  });

  it('keeps every file at about 250 lines or fewer', () => {
    const long = SOURCES.map((s) => ({ name: s.name, lines: s.text.split('\n').length })).filter((s) => s.lines > 260);
    expect(long).toEqual([]);
  });

  it('chooses no words inline by language: they come from the templates or the message catalogue', () => {
    const inline = SOURCES.flatMap((s) =>
      s.text
        .split('\n')
        .map((line, index) => ({ where: `${s.name}:${index + 1}`, line: line.trim() }))
        // `zh ? …` or any choice whose branch is a Chinese literal ('中文', `中文 ${x}`)
        .filter(({ line }) => /\bzh\s*\?/.test(line) || /\?\s*\(?\s*[`'"][^`'"]*[\u4e00-\u9fff]/.test(line)),
    );
    expect(inline).toEqual([]);
  });
});
