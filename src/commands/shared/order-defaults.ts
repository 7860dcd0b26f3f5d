import type { Context } from '../../context.js';

/**
 * The stored defaults for status and demand. They end up in the letter and the 12315 text, so they are in the
 * documents' language (Chinese unless --lang en), not the interface language.
 */
export function orderDefaults(context: Context) {
  const t = context.documentT;
  return { demand: t('order.demand.default'), status: t('order.status.default') };
}
