/**
 * Every page of the documents carries content: the demo's letter, its 12315 package (complaint.pdf and the
 * upload version), two drafts and the power of attorney are read page by page (text with its size and weight,
 * images). No page may be empty or hold only a heading, a table header or a signature; no heading or table
 * header may be left at the foot of a page; a signature stays with the paragraph before it; the contents list
 * exactly the sections the package has, on the pages it names.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDirs } from '../helpers/cli.js';
import { contentsAndSections, documentFaults, readPages } from '../helpers/pdf-pages.js';

const temp = tempDirs('all', 'weiquan-pages-');
const NOW = '2026-11-25T21:40:00+08:00';

describe('pages of the demo documents', () => {
  it('carry content on every page; the contents name only the sections present, on their pages', async () => {
    const dir = await temp();
    const home = path.join(dir, 'home');
    const out = path.join(dir, 'out');
    const env = { WEIQUAN_NOW: NOW };
    const demo = await runCli(['demo', '--out', out, '--home', home, '--json', '--lang', 'zh'], { env });
    expect(demo.code, demo.stderr).toBe(0);
    const { caseId, letter, complaintPdf, bundle } = JSON.parse(demo.stdout) as { caseId: string; letter: string; complaintPdf: string; bundle: string };
    const documents = [letter, complaintPdf, path.join(bundle, 'upload', 'complaint.pdf')];
    for (const route of ['payment', 'consumer-association']) {
      const file = path.join(out, `draft-${route}.pdf`);
      const draft = await runCli(['draft', caseId, '--for', route, '-o', file, '--lang', 'zh'], { home, env });
      expect(draft.code, draft.stderr).toBe(0);
      documents.push(file);
    }
    const authorization = path.join(out, 'authorization.pdf');
    const authorize = await runCli(['authorize', caseId, '--agent-name', '李四', '--agent-phone', '13900139000', '-o', authorization, '--lang', 'zh'], { home, env });
    expect(authorize.code, authorize.stderr).toBe(0);
    documents.push(authorization);

    for (const file of documents) {
      expect(existsSync(file), file).toBe(true);
      const pages = readPages(file);
      expect(pages.length, file).toBeGreaterThan(0);
      // the reader sees the text: every page has a footer with its number
      for (const page of pages) expect(page.footer.map((p) => p.text).join(' '), `${file} page ${page.page}`).toMatch(/第 ?\d+ ?页/);
      expect(documentFaults(file), file).toEqual([]);
    }

    const pages = readPages(complaintPdf);
    const { listed, present } = contentsAndSections(pages);
    expect(listed.map((entry) => entry.section)).toEqual(['一、投诉内容（按 12315 表单栏目）', '二、事件时间线', '三、证据清单', '四、证据', '五、完整性说明']);
    // listed = present: each section the contents name starts on the page they name, and none is left out
    expect(present).toEqual(listed);
    // the upload version leaves the exhibits out, and its contents say so
    const upload = contentsAndSections(readPages(path.join(bundle, 'upload', 'complaint.pdf')));
    expect(upload.listed.map((entry) => entry.section)).not.toContain('四、证据');
    expect(upload.present).toEqual(upload.listed);
  });
});
