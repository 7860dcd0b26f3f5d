import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../src/core/case-model.js';
import { assembleLetter, complaintFields } from '../../src/core/letter-facts.js';
import { buildCaseFacts } from '../../src/core/order-fields.js';
import { writeBundle } from '../../src/documents/bundle/index.js';
import { type ChosenFont, findCjkFont } from '../../src/documents/fonts.js';
import { CaseStore } from '../../src/store/case-store.js';
import { createTranslator } from '../../src/ui/i18n.js';
import { makeTempDir, ROOT } from '../helpers/cli.js';
import { contentsAndSections, documentFaults, readPages } from '../helpers/pdf-pages.js';

const now = new Date('2026-11-24T12:00:00+08:00');
const complainant = { name: '张三', phone: '13800138000', address: '北京市朝阳区某某街 1 号' };
const t = createTranslator('zh');
const squash = (text: string) => text.replace(/\s+/g, '');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let font: ChosenFont;
beforeAll(async () => {
  temp = await makeTempDir('weiquan-exhibits-');
  font = await findCjkFont({ env: process.env });
});
afterAll(() => temp.cleanup());

/** An ISO-BMFF file (MP4/M4A) with only a movie header: its duration is all there is to read. */
function movie(brand: string, timescale: number, duration: number): Buffer {
  const box = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body]);
  };
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(timescale, 12);
  mvhd.writeUInt32BE(duration, 16);
  return Buffer.concat([box('ftyp', Buffer.from(`${brand}\0\0\0\0${brand}isom`, 'latin1')), box('moov', box('mvhd', mvhd)), box('mdat', Buffer.alloc(256))]);
}

/** A 1280×4000 order page: rows of text with blank gaps between them, like a real page. */
async function tallCapture(): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const rows = Array.from({ length: 80 }, (_, i) => `<text x="40" y="${40 + i * 48}" font-size="26" fill="#222">第 ${i + 1} 行 订单 KM20261120001 状态 处理中 ¥100.00</text>`).join('');
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="4000"><rect width="100%" height="100%" fill="#ffffff"/>${rows}</svg>`)).png().toBuffer();
}

async function evidenceFiles(): Promise<[string, Buffer, string, EvidenceItem['kind'], Record<string, unknown>][]> {
  const { default: sharp } = await import('sharp');
  const { encode } = await import('fast-bmp');
  const iconv = (await import('iconv-lite')).default;
  const picture = (background: string) => sharp({ create: { width: 600, height: 900, channels: 3, background } });
  const raw = await picture('#cc3333').raw().toBuffer();
  const capture = { finalUrl: 'https://kachong.example.com/order/KM20261120001', httpStatus: 200, capturedAt: '2026-11-23T21:40:00+08:00', title: '订单详情' };
  return [
    ['screenshot.png', await tallCapture(), 'image/png', 'order-page', { capture }],
    ['chat.heic', await readFile(path.join(ROOT, 'test/fixtures/evidence/media/chat.heic')), 'image/heic', 'chat', { exif: { takenAt: '2026:11:26 09:30:00', make: 'Apple', model: 'iPhone 13' } }],
    ['pay.webp', await picture('#33aa55').webp().toBuffer(), 'image/webp', 'payment', {}],
    ['rules.avif', await picture('#3355cc').avif().toBuffer(), 'image/avif', 'rules', {}],
    ['anim.gif', await picture('#aaaa33').gif().toBuffer(), 'image/gif', 'other', {}],
    ['scan.bmp', Buffer.from(encode({ width: 600, height: 900, data: raw, channels: 3, bitsPerPixel: 24, components: 3 })), 'image/bmp', 'other', {}],
    ['scan.tiff', await picture('#888888').tiff().toBuffer(), 'image/tiff', 'other', {}],
    ['chat-gbk.txt', iconv.encode('2026-11-21 09:00 客服：您的订单正在加急处理，请耐心等待。\n2026-11-21 09:05 我：已经超过承诺时间。\n', 'gbk'), 'text/plain', 'chat', {}],
    ['call.mp4', movie('isom', 1000, 83_500), 'video/mp4', 'call', {}],
    ['voice.m4a', movie('M4A ', 44_100, 44_100 * 125), 'audio/mp4', 'call', {}],
  ];
}

async function caseWithEveryFormat(home: string) {
  const store = new CaseStore(home);
  const facts = buildCaseFacts(
    { platform: '快充卡盟', company: '某某网络科技有限公司', order: 'KM20261120001', product: '中国移动话费 100 元', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00', promise: '2h' },
    { zone: 'Asia/Shanghai', now },
    { demand: '全额退款', status: '处理中' },
  );
  const created = await store.create(facts, now);
  const files = await evidenceFiles();
  await store.mutate(created.id, () => now, async (_current, caseDir) => {
    const events = [];
    for (const [index, [name, data, mime, kind, meta]] of files.entries()) {
      const id = `E${index + 1}`;
      await mkdir(path.join(caseDir, 'evidence', id), { recursive: true });
      await writeFile(path.join(caseDir, 'evidence', id, name), data);
      const role = meta.capture ? ('screenshot' as const) : ('original' as const);
      // titles as older versions stored them (file name, page title): the package derives Chinese names
      const title = meta.capture ? '订单详情' : name;
      events.push({
        type: 'evidence.added' as const,
        data: { id, kind, title, source: meta.capture ? capturedUrl : `imported: ${name}`, proves: '订单未到账', addedAt: now.toISOString(), meta: meta.capture ? meta : { ...meta, import: { originalName: name } }, files: [{ path: `evidence/${id}/${name}`, role, sha256: sha256(data), size: data.length, mime }] },
      });
    }
    return events;
  });
  return { store, record: await store.load(created.id) };
}
const capturedUrl = 'https://kachong.example.com/order/KM20261120001';

/** A case whose evidence is one capture of each height (1280 wide, rows of text), as capture stores them. */
async function caseWithCaptures(home: string, heights: readonly number[]) {
  const { default: sharp } = await import('sharp');
  const store = new CaseStore(home);
  const facts = buildCaseFacts(
    { platform: '快充卡盟', order: 'KM20261120001', product: '中国移动话费 100 元', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' },
    { zone: 'Asia/Shanghai', now },
    { demand: '全额退款', status: '处理中' },
  );
  const created = await store.create(facts, now);
  await store.mutate(created.id, () => now, async (_current, caseDir) => {
    const events = [];
    for (const [index, height] of heights.entries()) {
      const id = `E${index + 1}`;
      const rows = Array.from({ length: Math.floor(height / 48) }, (_, i) => `<text x="40" y="${40 + i * 48}" font-size="26" fill="#222">第 ${i + 1} 行 订单 KM20261120001</text>`).join('');
      const data = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="${height}"><rect width="100%" height="100%" fill="#ffffff"/>${rows}</svg>`)).flatten({ background: '#ffffff' }).png().toBuffer();
      await mkdir(path.join(caseDir, 'evidence', id), { recursive: true });
      await writeFile(path.join(caseDir, 'evidence', id, 'screenshot.png'), data);
      const capture = { finalUrl: capturedUrl, httpStatus: 200, capturedAt: '2026-11-23T21:40:00+08:00', title: '订单详情' };
      events.push({
        type: 'evidence.added' as const,
        data: { id, kind: 'order-page' as const, title: '订单详情', source: capturedUrl, proves: '订单未到账', addedAt: now.toISOString(), meta: { capture }, files: [{ path: `evidence/${id}/screenshot.png`, role: 'screenshot' as const, sha256: sha256(data), size: data.length, mime: 'image/png' }] },
      });
    }
    return events;
  });
  return { store, record: await store.load(created.id) };
}

type ImageRow = { page: number; width: number; height: number; xPpi: number; yPpi: number };

function pdfImages(file: string): ImageRow[] {
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { page: Number(cells[0]), width: Number(cells[3]), height: Number(cells[4]), xPpi: Number(cells[12]), yPpi: Number(cells[13]) };
    });
}

function pageText(file: string, page: number): string {
  // the body of the page, without the footer (cropped off)
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-x', '0', '-y', '0', '-W', '600', '-H', '775', file, '-'], { encoding: 'utf8' });
}

describe('exhibits a regulator can read', () => {
  it('prints a 1280×4000 capture at ≤ ~200 ppi in bands covering its height; every phone format, text and recording is listed and drawn; every page carries content', async () => {
    const { store, record } = await caseWithEveryFormat(path.join(temp.dir, 'home'));
    const content = assembleLetter(record, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
    const outDir = path.join(temp.dir, 'bundle');
    const result = await writeBundle({ record, caseDir: store.caseDir(record.id), content, fields: complaintFields(content), deadlines: [], font, now, t, outDir, uploadLimitMB: 5 });
    const file = result.complaintPdf;
    execFileSync('qpdf', ['--check', file]);
    const images = pdfImages(file);

    // the capture: every placement at most ~200 ppi, and its bands (captions 第 k/n 段) cover the whole height
    const capture = result.exhibits.find((e) => e.id === 'E1')!;
    expect(capture.parts).toBeGreaterThan(1);
    const captureImages = images.filter((image) => image.page >= capture.firstPage && image.page <= capture.lastPage);
    expect(captureImages.length).toBe(capture.parts);
    for (const image of captureImages) {
      expect(image.width).toBe(1280);
      expect(image.xPpi).toBeLessThanOrEqual(205);
      expect(image.xPpi).toBeGreaterThanOrEqual(150);
    }
    const captureText = squash(Array.from({ length: capture.lastPage - capture.firstPage + 1 }, (_, i) => pageText(file, capture.firstPage + i)).join(''));
    for (let part = 1; part <= capture.parts!; part += 1) expect(captureText).toContain(`证据E1（第${part}/${capture.parts}段）`);
    // the text of the page is cut at blank rows: no line of the picture is split (every 第 n 行 appears once per band set)
    const manifest = JSON.parse(await readFile(result.manifest, 'utf8')) as { documents: Record<string, { sha256: string }>; exhibits: { id: string; parts?: number }[]; upload: { files: { from: string; how: string; path: string }[] } };
    expect(manifest.exhibits.find((e) => e.id === 'E1')!.parts).toBe(capture.parts);
    // complaint.pdf is hashed as it streams to disk: the manifest's and the result's hash are the file's
    const onDisk = createHash('sha256').update(await readFile(result.complaintPdf)).digest('hex');
    expect(manifest.documents['complaint.pdf']!.sha256).toBe(onDisk);
    expect(result.complaintSha256).toBe(onDisk);

    // every image format is drawn (one image on its exhibit's pages); text, video and audio are described
    for (const id of ['E2', 'E3', 'E4', 'E5', 'E6', 'E7']) {
      const place = result.exhibits.find((e) => e.id === id)!;
      expect(images.some((image) => image.page >= place.firstPage && image.page <= place.lastPage), id).toBe(true);
    }
    const exhibitText = (id: string) => {
      const place = result.exhibits.find((e) => e.id === id)!;
      return squash(Array.from({ length: place.lastPage - place.firstPage + 1 }, (_, i) => pageText(file, place.firstPage + i)).join(''));
    };
    expect(exhibitText('E2')).toContain('转换为可打印的图像');
    expect(exhibitText('E8')).toContain('您的订单正在加急处理，请耐心等待。');
    expect(exhibitText('E8')).toContain('GB18030');
    expect(exhibitText('E9')).toContain('1分24秒');
    expect(exhibitText('E9')).toContain('视频');
    expect(exhibitText('E10')).toContain('2分5秒');
    expect(exhibitText('E10')).toContain(sha256(movie('M4A ', 44_100, 44_100 * 125)));

    // the evidence list: Chinese names and sources, no "imported:"
    const all = squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    expect(all).toContain('订单页面截图（网页取证，2026-11-2321:40）');
    expect(all).toContain('weiquan网页取证：https://kachong.example.com/order/KM20261120001');
    expect(all).toContain('客服聊天截图（2026-11-26）');
    expect(all).toContain('本人手机（AppleiPhone13）截图，导入于2026-11-2412:00');
    expect(all).toContain('本人提供的录像（原文件名call.mp4）');
    expect(all).not.toContain('imported:');

    // no page without content: each carries text beyond its footer, or an image
    for (let page = 1; page <= result.pages; page += 1) {
      const text = squash(pageText(file, page));
      const hasImage = images.some((image) => image.page === page);
      expect(text.length > 40 || hasImage, `page ${page}: ${text}`).toBe(true);
    }
    // nor one holding only a heading, a table header or a signature, nor a heading left at a page's foot
    expect(documentFaults(file)).toEqual([]);
    const sections = contentsAndSections(readPages(file));
    expect(sections.listed.length).toBe(5);
    expect(sections.present).toEqual(sections.listed);

    // upload copies: the capture in readable parts, the HEIC as JPEG, the text as PDF; originals byte for byte
    const uploads = manifest.upload.files;
    expect(uploads.filter((u) => u.from === 'E1').every((u) => u.how === 'banded')).toBe(true);
    expect(uploads.filter((u) => u.from === 'E1').length).toBeGreaterThan(1);
    expect(uploads.find((u) => u.from === 'E2')).toMatchObject({ how: 'converted' });
    expect(uploads.find((u) => u.from === 'E2')!.path).toMatch(/\.jpg$/);
    expect(uploads.find((u) => u.from === 'E8')!.path).toMatch(/\.pdf$/);
    const uploadText = squash(execFileSync('pdftotext', [path.join(outDir, uploads.find((u) => u.from === 'E8')!.path), '-'], { encoding: 'utf8' }));
    expect(uploadText).toContain('已经超过承诺时间。');
    const gbk = await readFile(path.join(outDir, 'evidence/E8/chat-gbk.txt'));
    expect(sha256(gbk)).toBe(record.evidence[7]!.files[0]!.sha256);
  });

  it('states the resolution each capture is printed at, also when a nearly fitting one is printed smaller to stay on one page', async () => {
    // one that fits below its table; one too tall for a page at the text width that fits one a little smaller
    // (on the page after its table, whatever the table's height); one that continues over pages; one that
    // may fit below its table only a little smaller, depending on the table's height in the font at hand
    const { store, record } = await caseWithCaptures(path.join(temp.dir, 'home-ppi'), [900, 1980, 3000, 1520]);
    const content = assembleLetter(record, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
    const result = await writeBundle({ record, caseDir: store.caseDir(record.id), content, fields: complaintFields(content), deadlines: [], font, now, t, outDir: path.join(temp.dir, 'bundle-ppi'), uploadLimitMB: 5 });
    const file = result.complaintPdf;
    const images = pdfImages(file);
    const stated: Record<string, { ppi: number; reduced: boolean }> = {};
    for (const exhibit of result.exhibits) {
      const text = squash(pageText(file, exhibit.firstPage));
      const match = /约(\d+)ppi/.exec(text);
      expect(match, exhibit.id).not.toBeNull();
      stated[exhibit.id] = { ppi: Number(match![1]), reduced: text.includes('略小于页面文字宽度打印') };
      const printed = images.filter((image) => image.page >= exhibit.firstPage && image.page <= exhibit.lastPage);
      expect(printed.length).toBeGreaterThan(0);
      // pdfimages rounds to whole ppi, as the note does
      for (const image of printed) expect(Math.abs(image.xPpi - stated[exhibit.id]!.ppi), exhibit.id).toBeLessThanOrEqual(1);
    }
    expect(stated.E1!.reduced).toBe(false);
    expect(stated.E2!.reduced).toBe(true);
    expect(stated.E2!.ppi).toBeGreaterThan(stated.E1!.ppi);
    expect(stated.E2!.ppi).toBeLessThanOrEqual(221);
    expect(result.exhibits.find((e) => e.id === 'E2')!.parts).toBe(1);
    expect(stated.E3!.reduced).toBe(false);
    expect(result.exhibits.find((e) => e.id === 'E3')!.parts).toBeGreaterThan(1);
  });
});
