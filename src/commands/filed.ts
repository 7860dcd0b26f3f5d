import type { Context } from '../context.js';
import { FILING_ROUTES, type Filing, type FilingRoute } from '../core/case-model.js';
import { parseLocalTime, toZonedIso } from '../core/time.js';
import { InputError, UsageError } from '../errors.js';
import { optionalText, requireAfterOrder } from '../core/contact-input.js';

type Options = { at?: string; complaintNo?: string; reference?: string; authority?: string; route?: string };

const ROUTE_ALIASES: Record<string, FilingRoute> = { '12315': 'regulator', '12300': 'telecom', 消协: 'consumer-association', 法院: 'court', 报警: 'police' };

function parseRoute(raw: string | undefined): FilingRoute | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim().toLowerCase();
  if ((FILING_ROUTES as readonly string[]).includes(text)) return text as FilingRoute;
  const alias = ROUTE_ALIASES[text];
  if (alias) return alias;
  throw new InputError('input.route.invalid', { value: raw, allowed: FILING_ROUTES.join('|') });
}

/**
 * Record a complaint filed on a rung of the ladder: 12315 / a 市场监督管理局 (the default), or with --route the
 * payment channel, the consumer association (mediation), 12300, a court or the police. --reference is the
 * number the route gave back (投诉编号, 案号, 报案回执); --complaint-no is its older name.
 */
export async function run(context: Context, reference: string, options: Options): Promise<void> {
  if (options.complaintNo !== undefined && options.reference !== undefined) throw new UsageError('filed.bothReferences');
  const route = parseRoute(options.route);
  const store = await context.store();
  const target = await store.resolve(reference);
  if (options.at === undefined || options.at.trim() === '') throw new InputError('input.missingFlags', { flags: '--at' });
  const at = parseLocalTime(options.at, target.timeZone, context.now());
  requireAfterOrder(at, target, '--at');
  const flag = options.reference !== undefined ? '--reference' : '--complaint-no';
  const complaintNo = optionalText(options.reference ?? options.complaintNo, flag, 64, { oneLine: true });
  if (complaintNo && /[\r\n]/.test(complaintNo)) throw new InputError('input.filing.complaintNo', { value: complaintNo });
  const authority = optionalText(options.authority, '--authority', 200);
  const filing: Filing = {
    ...(route && route !== 'regulator' ? { route } : {}),
    at,
    ...(complaintNo ? { complaintNo } : {}),
    ...(authority ? { authority } : {}),
    recordedAt: toZonedIso(context.now(), target.timeZone),
  };
  const updated = await store.mutate(target.id, () => context.now(), () => ({ type: 'filing.recorded', data: filing }));
  context.out.result({ case: updated.id, filing }, () => '');
  context.out.success(route && route !== 'regulator' ? context.t('filed.doneRoute', { case: updated.id, route: context.t(`route.${route}`) }) : context.t('filed.done', { case: updated.id }));
}
