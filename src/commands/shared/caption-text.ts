import type { Context } from '../../context.js';
import type { CaptionText } from '../../evidence/capture/capture-evidence.js';

/**
 * The caption strip's lines on a captured page's captioned copy (capture, inspect), in the documents'
 * language: the copy goes into the 12315 package and the letter's exhibits, which are Chinese by default.
 */
export function captionText(context: Context): CaptionText {
  const t = context.documentT;
  const seconds = (iso: string) => iso.slice(0, 19).replace('T', ' ');
  return (facts) => [
    t('capture.caption.header', { evidence: facts.evidenceId, case: facts.caseId, kind: t(`evidenceKind.${facts.kind}`) }),
    t('capture.caption.url', { url: facts.url }),
    t('capture.caption.time', { local: seconds(facts.local), zone: facts.zone, utc: `${seconds(facts.utc)}Z` }),
    t('capture.caption.hash', { sha256: facts.sha256 }),
  ];
}
