import { listEvidence } from '../../evidence/index.js';
import { evidenceSource, evidenceTitle } from '../../evidence/naming.js';
import { checkEvidenceFiles } from '../../evidence/verify.js';
import type { BundleInput, BundleResult, Exhibit, PackageContext } from './model.js';
import { writePackage } from './package.js';

/**
 * The 12315 package: complaint.pdf (cover, the complaint in the form's fields, a vector timeline, the
 * 证据清单 with page numbers, every exhibit legible on paper, an integrity appendix), complaint.txt (each
 * field's text to paste), evidence/ (the original files, byte for byte), manifest.json, upload/ (copies
 * readable on screen, each within the upload limit) and a .zip of the folder.
 */
export type { BundleInput, BundleResult, ExhibitPlace, FileCheck } from './model.js';

/** Build the whole package into `outDir` (replacing an earlier one) and zip it. */
export async function writeBundle(input: BundleInput): Promise<BundleResult> {
  const lang = input.content.lang;
  const zone = input.record.timeZone;
  const exhibits: Exhibit[] = listEvidence(input.record, input.caseDir).map((item) => ({
    ...item,
    name: evidenceTitle(item, zone, input.t),
    sourceText: evidenceSource(item, zone, input.t),
  }));
  const checks = await checkEvidenceFiles(input.record.evidence, input.caseDir);
  const ctx: PackageContext = { input, lang, t: input.t, exhibits, checks, blankLines: new Map(), unprinted: new Map() };
  return writePackage(ctx);
}
