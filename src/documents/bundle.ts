import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Case } from '../core/case-model.js';
import type { Deadline } from '../core/deadlines.js';
import { type ComplaintFields, type LetterContent } from '../core/letter-facts.js';
import { hashAuthenticityNote, regulatorHandlingNote } from '../core/legal/notes.js';
import { formatLocalTime } from '../core/time.js';
import { hashFile } from '../evidence/hashing.js';
import { type ListedEvidence, listEvidence } from '../evidence/index.js';
import { removeQuietly } from '../store/file-system.js';
import type { ChosenFont } from './fonts.js';
import { prepareImage } from './images.js';
import { PdfWriter, type Slot } from './pdf-writer.js';
import { renderTemplate } from './templates.js';
import { writeStampsSection } from './integrity-stamps.js';
import { writeBillExhibit } from './bill-exhibit.js';
import { drawTimeline, timelinePoints } from './timeline.js';
import { makeUploadCopies, type UploadCopy } from './upload-copies.js';

/**
 * The 12315 package: complaint.pdf (cover, the complaint in the form's fields, a vector timeline, the
 * 证据清单 with page numbers, every exhibit with its caption, an integrity appendix), complaint.txt (each
 * field's text to paste), evidence/ (the original files, byte for byte), manifest.json, upload/ (copies
 * within the upload limit) and a .zip of the folder.
 */

type Translate = (key: string, params?: Record<string, string | number>) => string;

export type BundleInput = {
  record: Case;
  caseDir: string;
  content: LetterContent;
  fields: ComplaintFields;
  deadlines: readonly Deadline[];
  font: ChosenFont;
  now: Date;
  t: Translate;
  outDir: string;
  uploadLimitMB: number;
  /** told as each exhibit is laid out (for a progress line) */
  onExhibit?: (id: string, index: number, total: number) => void;
};

export type FileCheck = { item: string; path: string; sha256: string; size: number; role: string; status: 'ok' | 'changed' | 'missing'; actualSha256?: string };

export type ExhibitPlace = { id: string; firstPage: number; lastPage: number };

export type BundleResult = {
  dir: string;
  zip: string;
  complaintPdf: string;
  complaintTxt: string;
  manifest: string;
  pages: number;
  exhibits: ExhibitPlace[];
  files: FileCheck[];
  upload: UploadCopy[];
};

const TEXT_MIME = /^text\/(plain|csv|markdown)|json/;

async function checkFiles(items: readonly ListedEvidence[]): Promise<FileCheck[]> {
  const checks: FileCheck[] = [];
  for (const item of items) {
    for (const file of item.files) {
      const base = { item: item.id, path: file.path, sha256: file.sha256, size: file.size, role: file.role };
      try {
        const actual = await hashFile(file.absolutePath);
        checks.push(actual.sha256 === file.sha256 ? { ...base, status: 'ok' } : { ...base, status: 'changed', actualSha256: actual.sha256 });
      } catch {
        checks.push({ ...base, status: 'missing' });
      }
    }
  }
  return checks;
}

function pageRange(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}

function shortHash(hash: string): string {
  return `${hash.slice(0, 16)}…`;
}

/** Render complaint.pdf; returns its bytes and where each exhibit landed. */
export async function renderComplaintPdf(input: BundleInput, items: readonly ListedEvidence[], checks: readonly FileCheck[]): Promise<{ pdf: Buffer; exhibits: ExhibitPlace[]; pages: number }> {
  const { record, content, fields, t } = input;
  const zh = content.lang === 'zh';
  const zone = record.timeZone;
  const writer = await PdfWriter.create(
    input.font,
    {
      title: zh ? `12315 投诉材料：订单 ${record.order.number}` : `12315 complaint package: order ${record.order.number}`,
      author: content.complainant.name,
      subject: zh ? `投诉${content.respondent.name}：订单 ${record.order.number} 未到账` : `Complaint against ${content.respondent.name}: order ${record.order.number} not delivered`,
      keywords: [record.order.number, record.platform.name, ...content.tickets].join(', '),
      creationDate: input.now,
      lang: content.lang,
    },
    { label: zh ? `12315 投诉材料 · 案件 ${record.id} · 订单 ${record.order.number}` : `12315 package · Case ${record.id} · Order ${record.order.number}`, lang: content.lang },
  );

  // Cover
  writer.space(40);
  writer.title(zh ? '消费投诉材料' : 'Consumer complaint package');
  writer.paragraph(zh ? '（供全国12315平台或市场监督管理部门使用）' : '(for the national 12315 platform or the market regulation bureau)', { align: 'center', color: '#444444' });
  writer.space(24);
  writer.keyValues([
    [zh ? '案件编号' : 'Case', record.id],
    [zh ? '投诉人' : 'Complainant', `${content.complainant.name}，${content.complainant.phone}`],
    [zh ? '投诉人地址' : 'Address', content.complainant.address],
    [zh ? '被投诉人' : 'Respondent', content.respondent.name],
    [zh ? '被投诉人地址' : "Respondent's address", content.respondent.address ?? (zh ? '（未填写）' : '(not given)')],
    [zh ? '平台' : 'Platform', `${record.platform.name}${record.platform.url ? ` ${record.platform.url}` : ''}`],
    [zh ? '订单编号' : 'Order number', record.order.number],
    [zh ? '金额' : 'Amount', `${content.order.amount} ${zh ? '元' : 'yuan'}`],
    [zh ? '工单号' : 'Ticket numbers', content.tickets.length ? content.tickets.join('、') : zh ? '（无）' : '(none)'],
    [zh ? '证据' : 'Evidence', zh ? `${items.length} 项` : `${items.length} item(s)`],
    [zh ? '生成日期' : 'Generated', content.date],
  ]);
  writer.space(8);
  const sectionNames = zh
    ? ['一、投诉内容（按 12315 表单栏目）', '二、事件时间线', '三、证据清单', '四、证据', '五、完整性说明']
    : ['1. The complaint (12315 form fields)', '2. Timeline', '3. List of evidence', '4. Exhibits', '5. Integrity'];
  writer.heading(zh ? '目录' : 'Contents', 2);
  const contentsSlots: Slot[] = [];
  writer.table(
    [{ header: zh ? '部分' : 'Section', width: 5 }, { header: zh ? '页码' : 'Page', width: 1, align: 'center' }],
    sectionNames.map((name) => [name, '']),
    { size: 10, onRow: (_, cells) => contentsSlots.push({ page: cells[1]!.page, x: cells[1]!.x + 4, y: cells[1]!.y + 4, width: cells[1]!.width - 8, size: 10, align: 'center' }) },
  );
  const sectionPages: number[] = [];

  // 1. The complaint in the form's fields
  writer.newPage();
  sectionPages.push(writer.page());
  writer.heading(sectionNames[0]!);
  const notRecorded = zh ? '（未记录）' : '(not recorded)';
  writer.keyValues([
    [zh ? '类型' : 'Type', fields.matterType],
    [zh ? '购买渠道' : 'Purchase channel', fields.purchaseChannel],
    [zh ? '诉求类型' : 'Request type', fields.requestTypes.join(zh ? '、' : ', ')],
    [zh ? '被投诉人名称' : 'Respondent', fields.respondent],
    [zh ? '统一社会信用代码' : 'Credit code', fields.creditCode || notRecorded],
    [zh ? '被投诉人所在地区' : "Respondent's region", fields.region || notRecorded],
    [zh ? '被投诉人地址' : "Respondent's address", fields.respondentAddress || notRecorded],
    [zh ? '网址' : 'Website', fields.website || '—'],
    [zh ? '商品或服务名称' : 'Goods or service', fields.product],
    [zh ? `购买时间（${fields.purchaseTimeLabel}）` : `Time of purchase (${fields.purchaseTimeLabel})`, fields.purchaseTime],
    [zh ? '订单编号' : 'Order number', fields.orderNumber],
    [zh ? '金额' : 'Amount', `${fields.amount} ${zh ? '元' : 'yuan'}`],
    [zh ? '投诉事实' : 'Facts', fields.facts],
    ...(fields.factsShort ? [[zh ? `投诉事实（精简版，${fields.factsLimit} 字以内）` : `Facts, short (at most ${fields.factsLimit})`, fields.factsShort] as [string, string]] : []),
    [zh ? '诉求' : 'Request', fields.demands],
  ]);
  if (fields.report) {
    writer.heading(zh ? '举报内容（另行提交，与投诉分别处理）' : 'Report (举报): filed separately from the complaint', 2);
    writer.paragraph(fields.report.procedure, { size: 10, color: '#333333' });
    writer.keyValues([
      [zh ? '举报对象' : 'Reported business', fields.report.target],
      [zh ? '举报内容' : 'What is reported', fields.report.content],
    ]);
  }
  writer.heading(zh ? '法律依据' : 'Legal basis', 2);
  writer.list(content.basis.map((c) => (zh ? `${c.citation}${c.verbatim ? `：“${c.quotation}”` : `：${c.quotation}`}` : `${c.citationEn} (${c.citation}): ${c.summaryEn}`)), { style: { size: 10 } });
  writer.paragraph(regulatorHandlingNote(content.lang, { title: content.complaintRules.title, newMeasures: content.newMeasures }), { size: 10, color: '#333333' });

  // 2. Timeline
  writer.space(6);
  if (writer.remaining() < 200) writer.newPage();
  sectionPages.push(writer.page());
  writer.heading(sectionNames[1]!);
  drawTimeline(writer, timelinePoints(record, input.deadlines, input.now, t, content.lang), zone);
  writer.paragraph(zh ? '图例：● 已发生的事实　□ 期限（红色为已逾期，橙色为进行中，绿色为已满足）　◆ 今天' : 'Key: ● fact  □ deadline (red overdue, orange running, green met)  ◆ today', { size: 8.5, color: '#555555' });

  // 3. Evidence list, page numbers filled in once the exhibits are placed
  writer.newPage();
  sectionPages.push(writer.page());
  writer.heading(sectionNames[2]!);
  const listSlots: Slot[] = [];
  if (items.length === 0) writer.paragraph(zh ? '（本案暂无证据。）' : '(No evidence yet.)');
  else
    writer.table(
      [
        { header: zh ? '序号' : 'No.', width: 0.8, align: 'center' },
        { header: zh ? '证据名称' : 'Evidence', width: 2.6 },
        { header: zh ? '证据来源' : 'Source', width: 2.6 },
        { header: zh ? '证明目的' : 'To prove', width: 2.6 },
        { header: zh ? '页码' : 'Pages', width: 1, align: 'center' },
        { header: 'SHA-256', width: 2.2 },
      ],
      items.map((item) => {
        return [item.id, item.title, `${item.source}\n${formatLocalTime(item.addedAt, zone)}`, item.proves, '', shortHash(item.original.sha256)];
      }),
      { size: 8.5, onRow: (_, cells) => listSlots.push({ page: cells[4]!.page, x: cells[4]!.x + 3, y: cells[4]!.y + 4, width: cells[4]!.width - 6, size: 8.5, align: 'center' }) },
    );
  writer.paragraph(zh ? '说明：SHA-256 为证据原件的哈希值（此处为前 16 位，完整值见第五部分）。证据原件见材料包 evidence/ 文件夹。' : 'SHA-256 of each original (first 16 digits; full values in section 5). The originals are in the evidence/ folder.', { size: 8.5, color: '#555555' });
  writer.space(10);
  writer.paragraph(zh ? `提交人（签名）：________________　　日期：${content.dateLong}` : `Submitted by (signature): ________________   Date: ${content.dateLong}`, { size: 10 });

  // 4. Exhibits (pages of PDF originals are reserved here and drawn in afterwards, as vectors)
  const exhibits: ExhibitPlace[] = [];
  const pdfPlacements: PdfPlacement[] = [];
  let exhibitsStart: number | undefined;
  for (const [index, item] of items.entries()) {
    input.onExhibit?.(item.id, index + 1, items.length);
    writer.newPage();
    const firstPage = writer.page();
    exhibitsStart ??= firstPage;
    writer.heading(zh ? `证据 ${item.id}：${item.title}` : `Exhibit ${item.id}: ${item.title}`);
    const displayCheck = checks.find((c) => c.item === item.id && c.path === item.display.path);
    const originalCheck = checks.find((c) => c.item === item.id && c.path === item.original.path);
    const problem = [originalCheck, displayCheck].find((check) => check !== undefined && check.status !== 'ok');
    const printedCopy = item.display.path !== item.original.path;
    const status = item.capture?.httpStatus;
    const badStatus = typeof status === 'number' && (status < 200 || status > 299);
    writer.keyValues(
      [
        [zh ? '来源' : 'Source', item.source],
        [zh ? '取得时间' : 'Obtained', formatLocalTime(item.capture?.capturedAt ?? item.addedAt, zone)],
        [zh ? '证明目的' : 'To prove', item.proves],
        ...(item.note ? [[zh ? '备注' : 'Note', item.note] as [string, string]] : []),
        [zh ? '文件（原件）' : 'File (original)', zh ? `${item.original.path}（${item.original.size} 字节）` : `${item.original.path} (${item.original.size} bytes)`],
        ['SHA-256', item.original.sha256],
        ...(printedCopy
          ? [[zh ? '打印件' : 'Printed copy', zh ? `下图为加注说明条的副本 ${item.display.path}，不是原件；原件及其哈希值见上` : `the image below is the captioned copy ${item.display.path}, not the original; the original and its hash are above`] as [string, string]]
          : []),
        ...(problem
          ? [[zh ? '警告' : 'Warning', zh ? `${problem.path}：${problem.status === 'missing' ? '文件缺失' : '文件与登记时的哈希值不一致'}` : `${problem.path}: ${problem.status === 'missing' ? 'file missing' : 'file differs from its recorded hash'}`] as [string, string]]
          : []),
        ...(item.loginWall ? [[zh ? '注意' : 'Note', zh ? '该截图可能是登录页，而不是订单内容' : 'this capture may show a login page, not the order'] as [string, string]] : []),
        ...(badStatus
          ? [[zh ? '注意' : 'Note', zh ? `截取时网站返回 HTTP ${status}（不是 2xx），该页面可能是错误页，而不是订单内容` : `the site answered HTTP ${status} (not 2xx) when captured: the page may be an error page, not the order`] as [string, string]]
          : []),
      ],
      { size: 9.5, keyWidth: 0.2 },
    );
    const mime = item.display.mime ?? '';
    let shown = false;
    if (item.meta.bill && displayCheck?.status !== 'missing') shown = await writeBillExhibit(writer, item, record, zh);
    if (!shown && displayCheck?.status !== 'missing' && (mime.startsWith('image/') || /\.(png|jpe?g|webp|gif)$/i.test(item.display.path))) {
      const data = await readFile(item.display.absolutePath);
      const prepared = await prepareImage(data);
      if (prepared) {
        writer.image(prepared, {
          caption: (part, parts) => (zh ? `证据 ${item.id}${parts > 1 ? `（第 ${part}/${parts} 部分）` : ''}：${item.title}` : `Exhibit ${item.id}${parts > 1 ? ` (part ${part} of ${parts})` : ''}: ${item.title}`),
        });
        shown = true;
      }
    }
    if (!shown && displayCheck?.status !== 'missing' && (mime === 'application/pdf' || /\.pdf$/i.test(item.display.path))) {
      const data = await readFile(item.display.absolutePath);
      const count = await pdfPageCount(data);
      for (let index = 0; index < count; index += 1) {
        if (index > 0 || writer.remaining() < (writer.bottom - writer.top) * 0.6) writer.newPage();
        writer.paragraph(zh ? `证据 ${item.id}（原件第 ${index + 1}/${count} 页）：${item.title}` : `Exhibit ${item.id} (original page ${index + 1} of ${count}): ${item.title}`, { size: 9.5, color: '#333333' });
        writer.space(4);
        pdfPlacements.push({ file: item.display.absolutePath, data, index, page: writer.page(), top: writer.y });
        writer.y = writer.bottom;
      }
      shown = count > 0;
    }
    if (!shown && displayCheck?.status !== 'missing' && TEXT_MIME.test(mime)) {
      const text = (await readFile(item.display.absolutePath, 'utf8')).slice(0, 6000);
      writer.quote(text);
      shown = true;
    }
    if (!shown) {
      writer.paragraph(zh ? '该证据不是图片，原件见 evidence/ 文件夹（文件名与哈希值如上）。' : 'This exhibit is not an image; the original is in the evidence/ folder (name and hash above).', { size: 10 });
    }
    exhibits.push({ id: item.id, firstPage, lastPage: writer.page() });
  }

  // 5. Integrity appendix
  writer.newPage();
  sectionPages.push(exhibitsStart ?? writer.page());
  sectionPages.push(writer.page());
  writer.heading(sectionNames[4]!);
  writer.paragraph(
    zh
      ? '下表列出材料包 evidence/ 文件夹中每个文件的 SHA-256 哈希值。任何人都可以重新计算并比对：在命令行运行 sha256sum evidence/E1/文件名（macOS 用 shasum -a 256，Windows 用 certutil -hashfile 文件名 SHA256），或在原案件上运行 weiquan verify ' + record.id + '。'
      : `The table lists the SHA-256 of every file in the evidence/ folder. Anyone can recompute and compare it: sha256sum evidence/E1/<file> (macOS: shasum -a 256; Windows: certutil -hashfile <file> SHA256), or run weiquan verify ${record.id} on the original case.`,
    { size: 10 },
  );
  if (checks.length > 0)
    writer.table(
      [{ header: zh ? '证据' : 'Item', width: 0.8, align: 'center' }, { header: zh ? '文件' : 'File', width: 3.2 }, { header: zh ? '字节' : 'Bytes', width: 1.2, align: 'right' }, { header: 'SHA-256', width: 5.2 }],
      checks.map((c) => [c.item, `${c.path}${c.status === 'ok' ? '' : zh ? (c.status === 'missing' ? '（缺失）' : '（已改变）') : ` (${c.status})`}`, String(c.size), c.sha256]),
      { size: 8 },
    );
  writer.heading(zh ? '哈希值能证明什么，不能证明什么' : 'What a hash does and does not prove', 2);
  writer.paragraph(hashAuthenticityNote(content.lang), { size: 10 });
  writeStampsSection(writer, record, zh);

  exhibits.forEach((place, i) => {
    const slot = listSlots[i];
    if (slot) writer.fillSlot(slot, pageRange(place.firstPage, place.lastPage));
  });
  sectionPages.forEach((page, i) => {
    const slot = contentsSlots[i];
    if (slot) writer.fillSlot(slot, String(page));
  });
  const pages = writer.pageCount();
  const pdf = await writer.finish();
  return { pdf: pdfPlacements.length > 0 ? await placePdfPages(pdf, pdfPlacements, { left: writer.left, width: writer.contentWidth, bottom: writer.bottom }) : pdf, exhibits, pages };
}

/** A page of a PDF original to draw onto a reserved page of complaint.pdf, below `top` (pdfkit's y, from the top). */
type PdfPlacement = { file: string; data: Buffer; index: number; page: number; top: number };

/** Pages of a PDF that pdf-lib can read (an encrypted or broken one counts as none: it is described instead). */
async function pdfPageCount(data: Buffer): Promise<number> {
  try {
    const { PDFDocument } = await import('pdf-lib');
    const source = await PDFDocument.load(data, { updateMetadata: false });
    return source.isEncrypted ? 0 : source.getPageCount();
  } catch {
    return 0;
  }
}

/** Draw each reserved page's original, scaled to the content area, as an embedded (vector) page. */
async function placePdfPages(pdf: Buffer, placements: readonly PdfPlacement[], area: { left: number; width: number; bottom: number }): Promise<Buffer> {
  const { PDFDocument, rgb } = await import('pdf-lib');
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const byFile = new Map<string, PdfPlacement[]>();
  for (const placement of placements) byFile.set(placement.file, [...(byFile.get(placement.file) ?? []), placement]);
  for (const group of byFile.values()) {
    const embedded = await document.embedPdf(group[0]!.data, group.map((p) => p.index));
    group.forEach((placement, i) => {
      const original = embedded[i]!;
      const page = document.getPage(placement.page - 1);
      const pageHeight = page.getHeight();
      const height = area.bottom - placement.top;
      const scale = Math.min(area.width / original.width, height / original.height, 1);
      const drawnWidth = original.width * scale;
      const drawnHeight = original.height * scale;
      const x = area.left + (area.width - drawnWidth) / 2;
      const y = pageHeight - placement.top - drawnHeight;
      page.drawRectangle({ x: x - 0.5, y: y - 0.5, width: drawnWidth + 1, height: drawnHeight + 1, borderWidth: 0.5, borderColor: rgb(0.7, 0.7, 0.7) });
      page.drawPage(original, { x, y, xScale: scale, yScale: scale });
    });
  }
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

/** Build the whole package into `outDir` (replacing an earlier one) and zip it. */
export async function writeBundle(input: BundleInput): Promise<BundleResult> {
  const items = listEvidence(input.record, input.caseDir);
  const checks = await checkFiles(items);
  const { pdf, exhibits, pages } = await renderComplaintPdf(input, items, checks);
  const outDir = path.resolve(input.outDir);
  const staging = `${outDir}.partial-${process.pid}`;
  await removeQuietly(staging);
  await mkdir(path.join(staging, 'evidence'), { recursive: true, mode: 0o700 });
  let upload: UploadCopy[];
  try {
    await writeFile(path.join(staging, 'complaint.pdf'), pdf, { mode: 0o600 });
    const exhibitsForText = items.map((item) => ({ id: item.id, title: item.title, proves: item.proves }));
    const text = await renderTemplate(`complaint.${input.content.lang}.njk`, { content: input.content, fields: input.fields, exhibits: exhibitsForText });
    await writeFile(path.join(staging, 'complaint.txt'), text.replace(/\n{3,}/g, '\n\n'), { mode: 0o600 });
    const copied: { path: string; sha256: string; size: number; item: string; role: string }[] = [];
    for (const check of checks) {
      if (check.status === 'missing') continue;
      const item = items.find((i) => i.id === check.item)!;
      const file = item.files.find((f) => f.path === check.path)!;
      const relative = check.path.startsWith('evidence/') ? check.path : `evidence/${check.path}`;
      const target = path.join(staging, ...relative.split('/'));
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await copyFile(file.absolutePath, target);
      await chmod(target, 0o600);
      copied.push({ path: relative, sha256: check.actualSha256 ?? check.sha256, size: check.size, item: check.item, role: check.role });
    }
    upload = await makeUploadCopies({
      stagingDir: staging,
      complaintPdf: pdf,
      evidence: items.map((item) => ({ id: item.id, file: item.display.absolutePath, name: path.basename(item.display.path), mime: item.display.mime ?? '' })).filter((e) => checks.find((c) => c.item === e.id && c.status !== 'missing')),
      limitBytes: Math.floor(input.uploadLimitMB * 1024 * 1024),
    });
    const manifest = {
      generator: 'weiquan',
      generatedAt: input.now.toISOString(),
      case: { id: input.record.id, order: input.record.order.number, platform: input.record.platform.name, journalHead: input.record.journal.head },
      documents: { 'complaint.pdf': { sha256: createHash('sha256').update(pdf).digest('hex'), pages } },
      exhibits: exhibits.map((e) => ({ ...e, pages: pageRange(e.firstPage, e.lastPage) })),
      evidence: copied,
      problems: checks.filter((c) => c.status !== 'ok'),
      upload: { limitMB: input.uploadLimitMB, files: upload },
      note: "SHA-256 values were computed by the complainant's own software: they show a file has not changed since it was logged, not that its content is true.",
    };
    await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await removeQuietly(outDir);
    await rename(staging, outDir);
  } catch (error) {
    await removeQuietly(staging);
    throw error;
  }
  const zip = `${outDir}.zip`;
  await zipFolder(outDir, zip);
  return {
    dir: outDir,
    zip,
    complaintPdf: path.join(outDir, 'complaint.pdf'),
    complaintTxt: path.join(outDir, 'complaint.txt'),
    manifest: path.join(outDir, 'manifest.json'),
    pages,
    exhibits,
    files: checks,
    upload,
  };
}

/** Files whose content is compressed already: stored in the zip as they are (deflating them again only costs time). */
const ALREADY_COMPRESSED = /\.(png|jpe?g|webp|gif|heic|pdf|zip|gz|mp3|m4a|aac|amr|mp4|mov)$/i;

/** Zip a folder with yazl (paths inside the archive are relative, with forward slashes). */
export async function zipFolder(dir: string, zipFile: string): Promise<void> {
  const { ZipFile } = await import('yazl');
  const { readdir } = await import('node:fs/promises');
  const { createWriteStream } = await import('node:fs');
  const zip = new ZipFile();
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else zip.addFile(full, [path.basename(dir), ...path.relative(dir, full).split(path.sep)].join('/'), { compress: !ALREADY_COMPRESSED.test(entry.name) });
    }
  };
  await walk(dir);
  zip.end();
  const temp = `${zipFile}.partial-${process.pid}`;
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(temp, { mode: 0o600 });
    zip.outputStream.pipe(out).on('close', resolve).on('error', reject);
  });
  await rename(temp, zipFile);
}
