import type { Case } from '../core/case-model.js';
import { toZonedIso } from '../core/time.js';
import type { PdfWriter } from './pdf-writer.js';

/**
 * The integrity appendix's part on trusted timestamps: each stamp (TSA, attested time, serial, journal entry)
 * and, honestly, what it proves — that the recorded hashes existed at that time — and what it does not.
 */
export function writeStampsSection(writer: PdfWriter, record: Case, zh: boolean): void {
  if (record.stamps.length === 0) return;
  writer.heading(zh ? '可信时间戳（RFC 3161）' : 'Trusted timestamps (RFC 3161)', 2);
  writer.paragraph(
    zh
      ? `下列时间戳由投诉人选择的时间戳服务机构（TSA）签发，对象是案件日志在所列条目处的哈希值；日志按顺序记录了此前登记的每个证据文件的 SHA-256，并逐条链接。时间戳能证明：这些哈希值（因而与之相符的证据文件）不晚于所示时间已经存在，此后未被改动。时间戳不能证明：证据所显示的内容真实，或文件由谁制作；在该条目之后登记的证据不在其覆盖范围内。其证明力取决于签发机构是否被认可。令牌（.tsr）和机构证书链保存在案件文件夹 stamps/ 中，weiquan verify ${record.id} 可离线核对。`
      : `The timestamps below were issued by time-stamp authorities (TSAs) the complainant chose, over the hash of the case journal at the entry shown; the journal records, in order and chained, the SHA-256 of every evidence file logged before it. A timestamp proves that these hashes, and so the files that match them, existed no later than the time shown and have not changed since. It does not prove that what the evidence shows is true, or who made it; evidence logged after that entry is not covered. Its weight depends on whether the issuing authority is recognised. The tokens (.tsr) and the authorities' certificate chains are kept in the case folder's stamps/; weiquan verify ${record.id} checks them offline.`,
    { size: 10 },
  );
  writer.table(
    [
      { header: zh ? '编号' : 'Stamp', width: 0.7, align: 'center' },
      { header: zh ? '时间戳机构' : 'TSA', width: 3.2 },
      { header: zh ? '证明时间' : 'Attested time', width: 2.6 },
      { header: zh ? '序列号' : 'Serial', width: 1.8 },
      { header: zh ? '日志条目' : 'Entry', width: 0.9, align: 'center' },
    ],
    record.stamps.map((stamp) => [stamp.id, `${stamp.signer} · ${stamp.tsa}`, toZonedIso(new Date(stamp.time), record.timeZone), stamp.serial, String(stamp.over.seq)]),
    { size: 8 },
  );
}
