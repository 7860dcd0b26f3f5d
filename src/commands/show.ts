import type { Context } from '../context.js';
import { printCaseDetail } from '../ui/case-view.js';

export async function run(context: Context, reference: string): Promise<void> {
  const store = await context.store();
  const record = await store.resolve(reference);
  context.out.result(record, () => printCaseDetail(context, record));
}
