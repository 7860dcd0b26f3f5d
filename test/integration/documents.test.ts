import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../src/core/case-model.js';
import { computeDeadlines } from '../../src/core/deadlines.js';
import { assembleLetter, complaintFields } from '../../src/core/letter-facts.js';
import { citation, STATUTES } from '../../src/core/legal/statutes.js';
import { buildCaseFacts } from '../../src/core/order-fields.js';
import { createWorkCalendar } from '../../src/core/working-days.js';
import { writeBundle } from '../../src/documents/bundle/index.js';
import { findCjkFont, pickKnownFont, systemFontDirs, type ChosenFont } from '../../src/documents/fonts.js';
import { renderLetterPdf } from '../../src/documents/letter.js';
import { EnvironmentError, InputError } from '../../src/errors.js';
import { CaseStore } from '../../src/store/case-store.js';
import { createTranslator } from '../../src/ui/i18n.js';
import { makeTempDir } from '../helpers/cli.js';
import { makeCase } from '../unit/deadlines-fixture.js';

const now = new Date('2026-11-24T12:00:00+08:00');
const complainant = { name: '张三', phone: '13800138000', address: '北京市朝阳区某某街 1 号' };
const t = createTranslator('zh');
const squash = (text: string) => text.replace(/\s+/g, '');

function pdftotext(file: string, page?: number, layout = false): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), ...range, file, '-'], { encoding: 'utf8' });
}

/** The text of every page without the footers (cropped off), so a sentence running over a page break stays whole. */
function bodyText(file: string): string {
  return execFileSync('pdftotext', ['-x', '0', '-y', '0', '-W', '600', '-H', '775', file, '-'], { encoding: 'utf8' });
}

const CITED = /《[^《》]+》第[一二三四五六七八九十百零]+条(?:第[一二三四五六七八九十]+款)?/g;
const KNOWN_CITATIONS = new Set(STATUTES.map((s) => citation(s)));

/** Every article a document cites must come from the statutes data (and so be verified). */
function expectOnlyKnownCitations(text: string): void {
  const cited = text.match(CITED) ?? [];
  expect(cited.length).toBeGreaterThan(0);
  for (const found of cited) expect(KNOWN_CITATIONS.has(found), found).toBe(true);
}

function qpdfCheck(file: string): void {
  execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }); // throws on a non-zero exit
}

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let font: ChosenFont;

beforeAll(async () => {
  temp = await makeTempDir('weiquan-documents-');
  font = await findCjkFont({ env: process.env });
});
afterAll(() => temp.cleanup());

describe('CJK font discovery', () => {
  it('finds a system font that sets Chinese', () => {
    expect(font.buffers.regular.length).toBeGreaterThan(1000);
    expect(font.label).toMatch(/\S/);
  });

  it('is an environment error with install advice when the system has none', async () => {
    const empty = path.join(temp.dir, 'no-fonts');
    await mkdir(empty);
    const error = await findCjkFont({ env: { WEIQUAN_FONT_DIRS: empty, WEIQUAN_PACKAGED_FONT: 'off' }, platform: 'linux' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as EnvironmentError).exitCode).toBe(3);
    expect((error as EnvironmentError).hintKey).toBe('documents.font.install.linux');
    const mac = await findCjkFont({ env: { WEIQUAN_FONT_DIRS: empty, WEIQUAN_PACKAGED_FONT: 'off' }, platform: 'darwin' }).catch((e: unknown) => e);
    expect((mac as EnvironmentError).hintKey).toBe('documents.font.install.darwin');
  });

  it('falls back to the font shipped as an npm package when the system has none; a system font wins', async () => {
    const empty = path.join(temp.dir, 'no-fonts-packaged');
    await mkdir(empty);
    const packaged = await findCjkFont({ env: { WEIQUAN_FONT_DIRS: empty } });
    expect(packaged.origin).toBe('packaged');
    expect(packaged.regular.file).toMatch(/fonts-sc[\\/]fonts[\\/]NotoSansHans-Regular\.otf$/);
    expect(packaged.bold?.file).toMatch(/NotoSansHans-Bold\.otf$/);
    expect(font.origin).toBe('system');
  });

  it('ranks the known fonts of each platform', () => {
    expect(pickKnownFont(['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc']))
      .toEqual({ regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc' });
    expect(pickKnownFont(['/System/Library/Fonts/Helvetica.ttc', '/System/Library/Fonts/PingFang.ttc'])?.regular).toBe('/System/Library/Fonts/PingFang.ttc');
    expect(pickKnownFont(['C:\\Windows\\Fonts\\arial.ttf', 'C:\\Windows\\Fonts\\simsun.ttc', 'C:\\Windows\\Fonts\\msyh.ttc'])?.regular).toMatch(/msyh\.ttc$/);
    expect(pickKnownFont(['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'])).toBeUndefined();
    expect(systemFontDirs({ WINDIR: 'D:\\Win', LOCALAPPDATA: 'D:\\Local' }, 'win32')[0]).toContain('Fonts');
    expect(systemFontDirs({ HOME: '/home/u' }, 'darwin')).toContain('/System/Library/Fonts');
  });

  it('falls back to any file that looks Chinese and has the glyphs, choosing the Simplified Chinese face', async () => {
    const dir = path.join(temp.dir, 'odd-fonts');
    await mkdir(dir);
    await symlink('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', path.join(dir, 'SomeSongti.ttc'));
    const found = await findCjkFont({ env: { WEIQUAN_FONT_DIRS: dir } });
    expect(found.regular.postscriptName).toBe('NotoSerifCJKsc-Regular');
  });

  it('rejects a --font that is missing or cannot set Chinese (bad input, exit 2)', async () => {
    const missing = await findCjkFont({ flag: path.join(temp.dir, 'nope.ttf'), env: {} }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InputError);
    const latinOnly = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    const notChinese = await findCjkFont({ flag: latinOnly, env: {} }).catch((e: unknown) => e);
    expect((notChinese as InputError).key).toBe('documents.font.notChinese');
  });
});

describe('the letter PDF', () => {
  it('has the facts, every ticket and every cited article as text, the font embedded as a subset, and passes qpdf', async () => {
    const record = makeCase({
      contacts: [
        { at: '2026-11-20T14:00:00+08:00', ticket: 'GD20261120-0042', agent: '小美', promisedBy: '2026-11-21T14:00:00+08:00' },
        { at: '2026-11-22T09:30:00+08:00', channel: 'phone', ticket: 'GD20261122-0107' },
      ],
    });
    const content = assembleLetter(record, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
    const pdf = await renderLetterPdf(content, { font, creationDate: now });
    const file = path.join(temp.dir, 'letter.pdf');
    await writeFile(file, pdf);
    const text = squash(bodyText(file));
    expect(text).toContain('KM20261120001');
    expect(text).toContain('100.00');
    expect(text).toContain('快充卡盟');
    for (const ticket of ['GD20261120-0042', 'GD20261122-0107']) expect(text).toContain(ticket);
    expect(content.citations.length).toBeGreaterThan(5);
    for (const c of content.citations) expect(text).toContain(squash(c.citation));
    expect(text).toContain('已超过承诺时限4天');
    expectOnlyKnownCitations(text);
    expect(text).toContain('2026-11-2718:00'); // the reply date
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const fontLine = fonts.split('\n').find((l) => /\+\S*(CJK|Hei|Song|PingFang|YaHei|Sans)/i.test(l));
    expect(fontLine, fonts).toBeDefined();
    expect(fontLine).toMatch(/^[A-Z]{6}\+/); // a subset tag
    expect(fontLine).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, unicode map
    qpdfCheck(file);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+书面投诉函：订单 KM20261120001/);
    expect(info).toMatch(/Author:\s+张三/);
    expect(info).toMatch(/Pages:\s+[2-4]\b/);
    // footer: case id and 第 N 页 共 M 页 on every page
    expect(squash(pdftotext(file, 1))).toMatch(/案件C1.*第1页共\d页/);
  });

  it('renders the English letter with the same Chinese citations', async () => {
    const content = assembleLetter(makeCase(), { now, lang: 'en', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, createTranslator('en'));
    const file = path.join(temp.dir, 'letter-en.pdf');
    await writeFile(file, await renderLetterPdf(content, { font, creationDate: now }));
    const text = squash(bodyText(file));
    expect(text).toContain('WrittenComplaint');
    for (const c of content.citations) expect(text).toContain(squash(c.citation));
    qpdfCheck(file);
  });
});

/** A case in a temp store with evidence files: a tall screenshot, a phone screenshot, a chat export. */
async function caseWithEvidence(home: string) {
  const { default: sharp } = await import('sharp');
  const store = new CaseStore(home);
  const facts = buildCaseFacts(
    { platform: '快充卡盟', company: '某某网络科技有限公司', 'company-address': '浙江省杭州市余杭区某某路 1 号', order: 'KM20261120001', product: '中国移动话费 100 元', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00', promise: '2h' },
    { zone: 'Asia/Shanghai', now },
    { demand: '全额退款', status: '处理中' },
  );
  const created = await store.create(facts, now);
  const files: [string, Buffer, string, EvidenceItem['kind']][] = [
    ['order.png', await sharp({ create: { width: 1280, height: 4200, channels: 3, background: '#eef3ff' } }).png().toBuffer(), 'image/png', 'order-page'],
    ['payment.jpg', await sharp({ create: { width: 1080, height: 2340, channels: 3, background: '#fff7e6', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer(), 'image/jpeg', 'payment'],
    ['chat.txt', Buffer.from('客服：您好，系统繁忙，请耐心等待。\n我：已经超过两小时了。\n'), 'text/plain', 'chat'],
  ];
  await store.mutate(created.id, () => now, async (_current, caseDir) => {
    const events = [];
    for (const [index, [name, data, mime, kind]] of files.entries()) {
      const id = `E${index + 1}`;
      await mkdir(path.join(caseDir, 'evidence', id), { recursive: true });
      await writeFile(path.join(caseDir, 'evidence', id, name), data);
      events.push({
        type: 'evidence.added' as const,
        data: {
          id, kind, title: name, source: `imported: ${name}`, proves: '订单未到账', addedAt: now.toISOString(), meta: {},
          files: [{ path: `evidence/${id}/${name}`, role: 'original' as const, sha256: createHash('sha256').update(data).digest('hex'), size: data.length, mime }],
        },
      });
    }
    events.push({ type: 'contact.added' as const, data: { id: 'K1', channel: 'app-chat' as const, at: '2026-11-20T14:00:00+08:00', ticket: 'GD20261120-0042', evidence: [], recordedAt: now.toISOString() } });
    return events;
  });
  return { store, record: await store.load(created.id) };
}

describe('the 12315 bundle', () => {
  it('writes the package; the evidence list points at the right exhibit pages; originals untouched', async () => {
    const home = path.join(temp.dir, 'home');
    const { store, record } = await caseWithEvidence(home);
    const content = assembleLetter(record, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
    const outDir = path.join(temp.dir, 'bundle');
    const result = await writeBundle({
      record, caseDir: store.caseDir(record.id), content, fields: complaintFields(content),
      deadlines: computeDeadlines(record, now, createWorkCalendar([])), font, now, t, outDir, uploadLimitMB: 5,
    });
    expect((await readdir(outDir)).sort()).toEqual(['complaint.pdf', 'complaint.txt', 'evidence', 'manifest.json', 'upload']);
    expect((await stat(result.zip)).size).toBeGreaterThan(1000);
    qpdfCheck(result.complaintPdf);

    // the tall screenshot spans several pages; the list's 页码 column names exactly the exhibit's pages
    const exhibit1 = result.exhibits.find((e) => e.id === 'E1')!;
    expect(exhibit1.lastPage).toBeGreaterThan(exhibit1.firstPage);
    const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [result.complaintPdf], { encoding: 'utf8' }))![1]);
    let listPage = 0;
    for (let page = 1; page <= pageCount && listPage === 0; page += 1) if (pdftotext(result.complaintPdf, page).includes('证明目的')) listPage = page;
    expect(listPage).toBeGreaterThan(0);
    const listText = pdftotext(result.complaintPdf, listPage, true);
    for (const id of ['E1', 'E2', 'E3']) {
      const row = new RegExp(`^\\s*${id}\\s.*?\\s(\\d+)(?:–(\\d+))?\\s+[0-9a-f]{16}…`, 'm').exec(listText);
      expect(row, listText).not.toBeNull();
      const first = Number(row![1]);
      const last = Number(row![2] ?? row![1]);
      expect(squash(pdftotext(result.complaintPdf, first))).toContain(`证据${id}：`);
      if (last > first) expect(squash(pdftotext(result.complaintPdf, last))).toContain(`证据${id}（第`);
      if (last + 1 <= pageCount) expect(squash(pdftotext(result.complaintPdf, last + 1))).not.toContain(`证据${id}`);
      const place = result.exhibits.find((e) => e.id === id)!;
      expect([place.firstPage, place.lastPage]).toEqual([first, last]);
    }

    const text = squash(bodyText(result.complaintPdf));
    for (const needle of ['KM20261120001', '100.00', '快充卡盟', 'GD20261120-0042', '商品或服务名称', '购买时间', '订单编号', '诉求', 'sha256sum']) expect(text).toContain(needle);
    expect(text).toContain('哈希值不是公证');
    expectOnlyKnownCitations(text);
    for (const c of content.basis) expect(text).toContain(squash(c.citation));
    for (const check of result.files) expect(text).toContain(check.sha256.slice(0, 32));

    const txt = await readFile(result.complaintTxt, 'utf8');
    expect(txt).toContain('【订单编号】\nKM20261120001');
    expect(txt).toContain('【诉求】');
    const manifest = JSON.parse(await readFile(result.manifest, 'utf8')) as { evidence: { path: string; sha256: string }[] };
    for (const entry of manifest.evidence) {
      const copy = await readFile(path.join(outDir, entry.path));
      expect(createHash('sha256').update(copy).digest('hex')).toBe(entry.sha256);
    }
    expect(result.files.every((f) => f.status === 'ok')).toBe(true);
  });

  it('draws the pages of a PDF original into its exhibit, as text, on the pages the list names', async () => {
    const home = path.join(temp.dir, 'home-pdf');
    const store = new CaseStore(home);
    const facts = buildCaseFacts(
      { platform: '快充卡盟', order: 'KM-PDF-1', product: '话费', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' },
      { zone: 'Asia/Shanghai', now },
      { demand: '全额退款', status: '处理中' },
    );
    const created = await store.create(facts, now);
    const receipt = await renderLetterPdf(assembleLetter(makeCase({ order: { number: 'RECEIPT-7788' } }), { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t), { font, creationDate: now });
    await store.mutate(created.id, () => now, async (_current, caseDir) => {
      await mkdir(path.join(caseDir, 'evidence', 'E1'), { recursive: true });
      await writeFile(path.join(caseDir, 'evidence', 'E1', 'receipt.pdf'), receipt);
      return {
        type: 'evidence.added' as const,
        data: {
          id: 'E1', kind: 'payment' as const, title: '支付凭证', source: 'imported: receipt.pdf', proves: '已付款', addedAt: now.toISOString(), meta: {},
          files: [{ path: 'evidence/E1/receipt.pdf', role: 'original' as const, sha256: createHash('sha256').update(receipt).digest('hex'), size: receipt.length, mime: 'application/pdf' }],
        },
      };
    });
    const record = await store.load(created.id);
    const content = assembleLetter(record, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
    const result = await writeBundle({ record, caseDir: store.caseDir(record.id), content, fields: complaintFields(content), deadlines: [], font, now, t, outDir: path.join(temp.dir, 'bundle-pdf'), uploadLimitMB: 5 });
    qpdfCheck(result.complaintPdf);
    const originalPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: receipt, encoding: 'utf8' }))![1]);
    const place = result.exhibits[0]!;
    expect(place.lastPage - place.firstPage + 1).toBe(originalPages);
    expect(squash(pdftotext(result.complaintPdf, place.firstPage))).toContain('RECEIPT-7788');
    expect(squash(pdftotext(result.complaintPdf, place.lastPage))).toContain(`证据E1（原件第${originalPages}/${originalPages}页）`);
  });

  it('cites and prints the captured screenshot (not the captioned copy), flags a non-2xx status; copies are 0600', async () => {
    const { default: sharp } = await import('sharp');
    const home = path.join(temp.dir, 'home-capture');
    const store = new CaseStore(home);
    const facts = buildCaseFacts(
      { platform: '快充卡盟', order: 'KM-CAP-1', product: '话费', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' },
      { zone: 'Asia/Shanghai', now },
      { demand: '全额退款', status: '处理中' },
    );
    const created = await store.create(facts, now);
    const screenshot = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const captioned = await sharp({ create: { width: 800, height: 680, channels: 3, background: '#f0f0f0' } }).png().toBuffer();
    const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex');
    await store.mutate(created.id, () => now, async (_current, caseDir) => {
      await mkdir(path.join(caseDir, 'evidence', 'E1'), { recursive: true });
      // written with the default (umask) mode, typically 0644: the bundle's copies must still be private
      await writeFile(path.join(caseDir, 'evidence', 'E1', 'screenshot.png'), screenshot);
      await writeFile(path.join(caseDir, 'evidence', 'E1', 'screenshot-captioned.png'), captioned);
      return {
        type: 'evidence.added' as const,
        data: {
          id: 'E1', kind: 'order-page' as const, title: '订单 KM-CAP-1', source: 'http://127.0.0.1/gone', proves: '订单未到账', addedAt: now.toISOString(),
          meta: { capture: { finalUrl: 'http://127.0.0.1/gone', httpStatus: 404, capturedAt: now.toISOString() } },
          files: [
            { path: 'evidence/E1/screenshot.png', role: 'screenshot' as const, sha256: hash(screenshot), size: screenshot.length, mime: 'image/png' },
            { path: 'evidence/E1/screenshot-captioned.png', role: 'captioned' as const, sha256: hash(captioned), size: captioned.length, mime: 'image/png' },
          ],
        },
      };
    });
    const record = await store.load(created.id);
    for (const lang of ['zh', 'en'] as const) {
      const translate = createTranslator(lang);
      const content = assembleLetter(record, { now, lang, complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, translate);
      const outDir = path.join(temp.dir, `bundle-capture-${lang}`);
      const result = await writeBundle({ record, caseDir: store.caseDir(record.id), content, fields: complaintFields(content), deadlines: [], font, now, t: translate, outDir, uploadLimitMB: 5 });
      const place = result.exhibits[0]!;
      const listText = pdftotext(result.complaintPdf, place.firstPage - 1, true);
      const listed = /^\s*E1\s.*?([0-9a-f]{16})…/m.exec(listText);
      expect(listed, listText).not.toBeNull();
      expect(listed![1]).toBe(hash(screenshot).slice(0, 16));
      const exhibit = squash(pdftotext(result.complaintPdf, place.firstPage));
      expect(exhibit).toContain(hash(screenshot));
      expect(exhibit).not.toContain(hash(captioned));
      expect(exhibit).toContain('evidence/E1/screenshot.png');
      if (lang === 'zh') {
        expect(exhibit).toContain('文件（原件）');
        expect(exhibit).toContain('下图为原件，按页面文字宽度打印');
        expect(exhibit).toContain('截取时网站返回HTTP404（不是2xx）');
      } else {
        expect(exhibit).toContain('theoriginal,printedatthetextwidth');
        expect(exhibit).toContain('thesiteansweredHTTP404(not2xx)whencaptured');
      }
      if (process.platform !== 'win32') {
        for (const sub of ['evidence/E1', 'upload']) {
          for (const name of await readdir(path.join(outDir, sub))) expect((await stat(path.join(outDir, sub, name))).mode & 0o777, `${sub}/${name}`).toBe(0o600);
        }
      }
    }
  });

  it('sizes upload copies to a small limit: the PDF split, a large image re-encoded, originals unchanged', async () => {
    const home = path.join(temp.dir, 'home-small');
    const { store, record } = await caseWithEvidence(home);
    const content = assembleLetter(record, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
    const outDir = path.join(temp.dir, 'bundle-small');
    const limitMB = 0.05;
    const result = await writeBundle({
      record, caseDir: store.caseDir(record.id), content, fields: complaintFields(content),
      deadlines: [], font, now, t, outDir, uploadLimitMB: limitMB,
    });
    const parts = result.upload.filter((u) => u.from === 'complaint.pdf');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) qpdfCheck(path.join(outDir, part.path));
    const limit = limitMB * 1024 * 1024;
    // every copy within the limit, or marked too-large so the user is told; parts sort in page order
    for (const copy of result.upload) expect(copy.size <= limit || copy.how === 'too-large', copy.path).toBe(true);
    expect(parts.map((p) => p.path)).toEqual([...parts.map((p) => p.path)].sort());
    const reencoded = result.upload.find((u) => u.from === 'E2')!;
    expect(reencoded.how).toBe('reencoded');
    expect(reencoded.path).toMatch(/\.jpg$/);
    expect(reencoded.size).toBeLessThanOrEqual(limit);
    const original = record.evidence[1]!.files[0]!;
    expect(original.size).toBeGreaterThan(limit);
    const originalCopy = await readFile(path.join(outDir, original.path));
    expect(createHash('sha256').update(originalCopy).digest('hex')).toBe(original.sha256);
  });
});
