import { type Case, CaseSchema } from './case-model.js';

/** JSON with object keys sorted: two cases that hold the same facts print the same, whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Whether two case records hold the same facts (both through the schema, so defaults fill in alike). */
export function sameCase(a: unknown, b: unknown): boolean {
  const left = CaseSchema.safeParse(a);
  const right = CaseSchema.safeParse(b);
  return left.success && right.success && stableJson(left.data as Case) === stableJson(right.data as Case);
}

/**
 * What `snapshot` records that `journal` (the fold of the journal) does not: contacts, evidence, filings,
 * letters and documents missing from the journal, a resolution, and fields whose value differs. Each as a
 * short label ("contact K3", "order.status") for a question to the user before anything is dropped.
 */
export function factsOnlyIn(snapshot: Case, journal: Case): string[] {
  const lost: string[] = [];
  const ids = (items: readonly { id: string }[]) => new Set(items.map((item) => item.id));
  const journalContacts = ids(journal.contacts);
  for (const contact of snapshot.contacts) if (!journalContacts.has(contact.id)) lost.push(`contact ${contact.id}`);
  const journalEvidence = ids(journal.evidence);
  for (const item of snapshot.evidence) if (!journalEvidence.has(item.id)) lost.push(`evidence ${item.id}`);
  const keyed = <T>(items: readonly T[]) => new Set(items.map((item) => stableJson(item)));
  const compareList = <T>(label: string, ours: readonly T[], theirs: readonly T[]) => {
    const known = keyed(theirs);
    ours.forEach((item, index) => {
      if (!known.has(stableJson(item))) lost.push(`${label} ${index + 1}`);
    });
  };
  compareList('filing', snapshot.filings, journal.filings);
  compareList('letter sent', snapshot.lettersSent, journal.lettersSent);
  compareList('document', snapshot.documents, journal.documents);
  if (snapshot.resolution && stableJson(snapshot.resolution) !== stableJson(journal.resolution)) lost.push('resolution');
  for (const group of ['platform', 'order'] as const) {
    const ours = snapshot[group] as Record<string, unknown>;
    const theirs = journal[group] as Record<string, unknown>;
    for (const key of Object.keys(ours)) if (stableJson(ours[key]) !== stableJson(theirs[key])) lost.push(`${group}.${key}`);
  }
  if (snapshot.timeZone !== journal.timeZone) lost.push('timeZone');
  return lost;
}
