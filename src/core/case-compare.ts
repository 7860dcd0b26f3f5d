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
