import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { followUmask, removeQuietly, umaskModes } from '../../store/file-system.js';
import { listFiles, writeZip } from '../../store/zip-archive.js';
import { renderTemplate } from '../templates.js';
import { type UploadCopy, writePdfCopies } from '../upload-copies.js';
import { renderComplaintPdf } from './complaint-pdf.js';
import { type BundleResult, type PackageContext, pageRange } from './model.js';
import { evidenceUploadCopies } from './upload-evidence.js';

/**
 * The one packaging step: into a staging folder next to the output, complaint.pdf (streamed to disk),
 * complaint.txt, the originals byte for byte in evidence/, the upload copies in upload/ and manifest.json;
 * then the staging folder replaces the output and is zipped (streamed; already-compressed files stored).
 */

/** Copy every original that is there into evidence/ (private copies); the manifest's rows. */
async function copyOriginals(ctx: PackageContext, staging: string): Promise<{ path: string; sha256: string; size: number; item: string; role: string }[]> {
  const copied = [];
  for (const check of ctx.checks) {
    if (check.status === 'missing') continue;
    const file = ctx.exhibits.find((i) => i.id === check.item)!.files.find((f) => f.path === check.path)!;
    const relative = check.path.startsWith('evidence/') ? check.path : `evidence/${check.path}`;
    const target = path.join(staging, ...relative.split('/'));
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(file.absolutePath, target);
    await chmod(target, 0o600);
    copied.push({ path: relative, sha256: check.actualSha256 ?? check.sha256, size: check.actualSize ?? check.size, item: check.item, role: check.role });
  }
  return copied;
}

/** Each item's upload copies, in upload/. */
async function evidenceCopies(ctx: PackageContext, staging: string, limit: number): Promise<UploadCopy[]> {
  const dir = path.join(staging, 'upload');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return evidenceUploadCopies(ctx, dir, limit);
}

/** The complaint without the exhibits, naming each item's upload files; then the items' copies. */
async function uploadCopies(ctx: PackageContext, staging: string, evidence: UploadCopy[], limit: number): Promise<UploadCopy[]> {
  const files = new Map<string, string[]>();
  for (const copy of evidence) files.set(copy.from, [...(files.get(copy.from) ?? []), copy.path.replace(/^upload\//, '')]);
  const summary = await renderComplaintPdf(ctx, { uploadFiles: files });
  return [...(await writePdfCopies(path.join(staging, 'upload'), 'complaint', summary.pdf!, 'complaint.pdf', limit)), ...evidence];
}

export async function writePackage(ctx: PackageContext): Promise<BundleResult> {
  const { input } = ctx;
  const outDir = path.resolve(input.outDir);
  const staging = `${outDir}.partial-${process.pid}`;
  // built privately in staging; a folder the user asked for outside the data home then takes the umask's modes
  const modes = input.shared ? await umaskModes(outDir) : undefined;
  await removeQuietly(staging);
  await mkdir(path.join(staging, 'evidence'), { recursive: true, mode: 0o700 });
  const complaintFile = path.join(staging, 'complaint.pdf');
  let result: Omit<BundleResult, 'zip'>;
  const limit = Math.floor(input.uploadLimitMB * 1024 * 1024);
  // the items' upload copies (image work, in sharp's threads) are made while complaint.pdf is laid out
  const evidence = evidenceCopies(ctx, staging, limit);
  evidence.catch(() => undefined); // awaited below, or settled before the staging folder is removed
  try {
    const rendered = await renderComplaintPdf(ctx, { file: complaintFile });
    if (rendered.pdf) await writeFile(complaintFile, rendered.pdf, { mode: 0o600 });
    const complaintSha256 = rendered.sha256 ?? createHash('sha256').update(rendered.pdf!).digest('hex');
    const exhibitsForText = ctx.exhibits.map((item) => ({ id: item.id, title: item.name, proves: item.proves }));
    const text = await renderTemplate(`complaint.${ctx.lang}.njk`, { content: input.content, fields: input.fields, exhibits: exhibitsForText });
    await writeFile(path.join(staging, 'complaint.txt'), text.replace(/\n{3,}/g, '\n\n'), { mode: 0o600 });
    const copied = await copyOriginals(ctx, staging);
    const upload = await uploadCopies(ctx, staging, await evidence, limit);
    const manifest = {
      generator: 'weiquan',
      generatedAt: input.now.toISOString(),
      case: { id: input.record.id, order: input.record.order.number, platform: input.record.platform.name, journalHead: input.record.journal.head },
      documents: { 'complaint.pdf': { sha256: complaintSha256, pages: rendered.pages } },
      exhibits: rendered.exhibits.map((e) => ({ ...e, name: ctx.exhibits.find((i) => i.id === e.id)?.name, pages: pageRange(e.firstPage, e.lastPage) })),
      evidence: copied,
      problems: ctx.checks.filter((c) => c.status !== 'ok'),
      upload: { limitMB: input.uploadLimitMB, files: upload },
      note: "SHA-256 values were computed by the complainant's own software: they show a file has not changed since it was logged, not that its content is true.",
    };
    await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    if (modes) await followUmask(staging, modes);
    await removeQuietly(outDir);
    await rename(staging, outDir);
    result = { dir: outDir, complaintPdf: path.join(outDir, 'complaint.pdf'), complaintSha256, complaintTxt: path.join(outDir, 'complaint.txt'), manifest: path.join(outDir, 'manifest.json'), pages: rendered.pages, exhibits: rendered.exhibits, files: [...ctx.checks], upload, unprinted: [...ctx.unprinted].map(([item, name]) => ({ item, package: name })) };
  } catch (error) {
    await evidence.catch(() => undefined);
    await removeQuietly(staging);
    throw error;
  }
  const zip = `${outDir}.zip`;
  const partial = `${zip}.partial-${process.pid}`;
  await writeZip(partial, outDir, await listFiles(outDir), { prefix: path.basename(outDir), ...(modes ? { fileMode: modes.file } : {}) });
  await rename(partial, zip);
  return { ...result, zip };
}

