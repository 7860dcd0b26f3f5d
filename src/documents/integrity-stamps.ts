import type { Case } from '../core/case-model.js';
import { toZonedIso } from '../core/time.js';
import type { Translate } from './bundle/model.js';
import type { PdfWriter } from './pdf-writer.js';

/**
 * The integrity appendix's part on trusted timestamps: each stamp (TSA, attested time, serial, journal entry)
 * and, honestly, what it proves — that the recorded hashes existed at that time — and what it does not.
 */
export function writeStampsSection(writer: PdfWriter, record: Case, t: Translate): void {
  if (record.stamps.length === 0) return;
  writer.heading(t('doc.stamps.heading'), 2);
  writer.paragraph(t('doc.stamps.note', { case: record.id }), { size: 10 });
  writer.table(
    [
      { header: t('doc.stamps.id'), width: 0.7, align: 'center' },
      { header: t('doc.stamps.tsa'), width: 3.2 },
      { header: t('doc.stamps.time'), width: 2.6 },
      { header: t('doc.stamps.serial'), width: 1.8 },
      { header: t('doc.stamps.entry'), width: 0.9, align: 'center' },
    ],
    record.stamps.map((stamp) => [stamp.id, `${stamp.signer} · ${stamp.tsa}`, toZonedIso(new Date(stamp.time), record.timeZone), stamp.serial, String(stamp.over.seq)]),
    { size: 8 },
  );
}
