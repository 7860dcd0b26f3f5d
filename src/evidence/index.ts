/**
 * Evidence: the intake pipeline (capture a page / import a file → hash → metadata → file into the case)
 * and integrity checking. What other areas use:
 *
 * - `listEvidence(record, caseDir)`: every evidence item of a case with its files (relative and absolute
 *   paths, role, SHA-256, size, type), the file to print for it (the captioned copy of a capture, else
 *   the screenshot, else the original), the original (whose hash a document cites) and its flags (login wall, HTTP status). Every path is confined to the case folder (src/store/case-path.ts); a stored path that leads out of it is an error (exit 3) naming the item.
 * - `verifyCase(store, id)`: re-hash every listed file, check the journal chain and case.json; a report.
 * - `defaultProvesKey(kind)`: the catalogue key of the default 证明目的 for a kind.
 *
 * Layout of a case folder: evidence/E<k>/ holds the files of item E<k>. A capture has screenshot.png
 * (never altered), page.mhtml, screenshot-captioned.png (a copy with a caption strip: URL, time, case
 * and evidence id) and capture.json (the sidecar: URLs, redirect chain, status, times, browser, hashes).
 * An import has the original file, byte for byte. Items are recorded in the journal as `evidence.added`.
 */
import type { Case, EvidenceFile, EvidenceItem } from '../core/case-model.js';

export { defaultProvesKey, EVIDENCE_KINDS, type EvidenceKind, parseEvidenceKind } from './kinds.js';
export { verifyCase, type VerifyProblem, type VerifyReport } from './verify.js';
export { EVIDENCE_DIR } from './staging.js';
import { casePath } from '../store/case-path.js';

export type ListedEvidenceFile = EvidenceFile & { absolutePath: string };

export type ListedEvidence = Omit<EvidenceItem, 'files'> & {
  files: ListedEvidenceFile[];
  /** the file a document shows for this item (for a capture, the captioned copy) */
  display: ListedEvidenceFile;
  /** the evidence itself: a capture's untouched screenshot, an import's original file; its hash is the one to cite */
  original: ListedEvidenceFile;
  /** captured pages: the URL loaded, the HTTP status, the page's own <title> and the device scale factor when not 1; imports: undefined */
  capture?: { finalUrl?: string; httpStatus?: number | null; capturedAt?: string; title?: string; scale?: number; loginWall?: string; warnings?: string[] };
  /** set when the capture looked like a login page: such an item probably does not show the order */
  loginWall?: string;
};

const DISPLAY_ORDER: EvidenceFile['role'][] = ['captioned', 'screenshot', 'original', 'mhtml', 'sidecar'];
const ORIGINAL_ORDER: EvidenceFile['role'][] = ['original', 'screenshot', 'mhtml', 'captioned', 'sidecar'];

/**
 * Absolute path of an evidence file (paths in the case use forward slashes, relative to the case folder),
 * confined to the case folder: a stored path that escapes it, is absolute or passes through a symbolic
 * link is a DataError naming the evidence item (`entry`).
 */
export function evidenceFilePath(caseDir: string, file: Pick<EvidenceFile, 'path'>, entry?: string): string {
  return casePath(caseDir, file.path, entry);
}

/** Every evidence item of a case, in id order, with what a document needs to list and print it. */
export function listEvidence(record: Case, caseDir: string): ListedEvidence[] {
  return record.evidence.map((item) => {
    const files = item.files.map((file) => ({ ...file, absolutePath: evidenceFilePath(caseDir, file, item.id) }));
    const firstWithRole = (order: EvidenceFile['role'][]) => order.map((role) => files.find((file) => file.role === role)).find((file) => file !== undefined) ?? files[0]!;
    const display = firstWithRole(DISPLAY_ORDER);
    const original = firstWithRole(ORIGINAL_ORDER);
    const capture = item.meta.capture as ListedEvidence['capture'] | undefined;
    return {
      ...item,
      files,
      display,
      original,
      ...(capture ? { capture } : {}),
      ...(capture?.loginWall ? { loginWall: capture.loginWall } : {}),
    };
  });
}
