/**
 * The message catalogue, one per language, assembled from one file per area so each area keeps its
 * Chinese and English side by side. Every area file exports `zh` and `en` with the same keys (a unit test
 * checks this).
 */
import * as common from './common.js';
import * as cases from './cases.js';
import * as evidence from './evidence.js';
import * as deadlines from './deadlines.js';
import * as documents from './documents.js';
import * as archive from './archive.js';
import * as environment from './environment.js';
import * as libraryText from './interface.js';
import * as inspect from './inspect.js';
import * as trust from './trust.js';
import * as facts from './facts.js';
import * as clients from './clients.js';
import * as stamp from './stamp.js';
import * as bills from './bills.js';
import * as ladder from './ladder.js';
import * as exhibits from './exhibits.js';
import * as documentText from './document-text.js';

const areas = [
  common,
  cases,
  evidence,
  deadlines,
  documents,
  archive,
  environment,
  libraryText,
  inspect,
  trust,
  facts,
  clients,
  stamp,
  bills,
  ladder,
  exhibits,
  documentText,
];

function merge(lang: 'zh' | 'en'): Record<string, string> {
  return Object.assign({}, ...areas.map((area) => area[lang]));
}

export const catalogues = { zh: merge('zh'), en: merge('en') };
export const areaCatalogues = areas;
