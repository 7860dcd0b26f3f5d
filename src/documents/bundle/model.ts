import type { OptionalPackageName } from '../../optional.js';
import type { Case } from '../../core/case-model.js';
import type { Deadline } from '../../core/deadlines.js';
import type { ComplaintFields, LetterContent } from '../../core/letter-facts.js';
import type { ListedEvidence } from '../../evidence/index.js';
import type { FileCheck } from '../../evidence/verify.js';
import type { ChosenFont } from '../fonts.js';
import type { BlankLines } from '../image-placement.js';
import type { UploadCopy } from '../upload-copies.js';

export type { FileCheck };

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export type BundleInput = {
  record: Case;
  caseDir: string;
  content: LetterContent;
  fields: ComplaintFields;
  deadlines: readonly Deadline[];
  font: ChosenFont;
  now: Date;
  /** translator in the documents' language */
  t: Translate;
  outDir: string;
  /** the folder is the user's, outside the data home: it follows the user's umask (else 0700/0600) */
  shared?: boolean;
  uploadLimitMB: number;
  /** told as each exhibit is laid out (for a progress line) */
  onExhibit?: (id: string, index: number, total: number) => void;
};

/** Where an exhibit landed in complaint.pdf; `parts` counts the bands of a screenshot continued over pages. */
export type ExhibitPlace = { id: string; firstPage: number; lastPage: number; parts?: number };

export type BundleResult = {
  dir: string;
  zip: string;
  complaintPdf: string;
  /** complaint.pdf's SHA-256 (as in manifest.json) */
  complaintSha256: string;
  complaintTxt: string;
  manifest: string;
  pages: number;
  exhibits: ExhibitPlace[];
  files: FileCheck[];
  upload: UploadCopy[];
  /** images not drawn because an optional package that reads them is not installed */
  unprinted: Array<{ item: string; package: OptionalPackageName }>;
};

/** An evidence item as the package shows it: its name and source in words, in the documents' language. */
export type Exhibit = ListedEvidence & { name: string; sourceText: string };

/** What every section of the package reads. */
export type PackageContext = {
  input: BundleInput;
  lang: 'zh' | 'en';
  t: Translate;
  exhibits: readonly Exhibit[];
  checks: readonly FileCheck[];
  /**
   * blank rows/columns of each image, analysed once for the PDF and the upload copies (which are made at the
   * same time): the first to need them starts the analysis, the other waits for it
   */
  blankLines: Map<string, Promise<BlankLines>>;
  /** items whose image an absent optional package would have read (item id → package), for the command to say */
  unprinted: Map<string, OptionalPackageName>;
};

export function pageRange(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}
