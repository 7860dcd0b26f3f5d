import { EVIDENCE_KINDS, type EvidenceKind } from '../core/case-model.js';
import { InputError } from '../errors.js';

export { EVIDENCE_KINDS, type EvidenceKind };

/** The catalogue key of the default 证明目的 wording for a kind (zh and en in ui/messages/evidence.ts). */
export function defaultProvesKey(kind: EvidenceKind): string {
  return `evidence.proves.${kind}`;
}

export function parseEvidenceKind(raw: string): EvidenceKind {
  const value = raw.trim().toLowerCase();
  if ((EVIDENCE_KINDS as readonly string[]).includes(value)) return value as EvidenceKind;
  throw new InputError('evidence.kind.invalid', { value: raw, allowed: EVIDENCE_KINDS.join(', ') });
}

/** A reasonable kind for an imported file when none is given: recordings are calls, the rest "other". */
export function guessKindFromMime(mime: string): EvidenceKind {
  if (mime.startsWith('audio/')) return 'call';
  return 'other';
}
