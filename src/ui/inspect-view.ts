import type { FoundPromise, PageRole, SiteFindings } from '../core/site-inspection.js';
import type { Translate } from './i18n.js';
import { printable } from './printable.js';
import type { Lang } from './i18n.js';

const UNIT_WORDS = { zh: { m: '分钟', h: '小时', d: '天' }, en: { m: 'minute', h: 'hour', d: 'day' } } as const;

/** A found promise in words, in the unit the page used ("24 小时内", not "1 天内"; "3 个工作日内"). */
export function describeFoundPromise(t: Translate, lang: Lang, promise: Pick<FoundPromise, 'promise' | 'workingDays' | 'stated'>): string {
  if (promise.promise === 'instant') return t('inspect.promise.instant');
  const said = promise.stated ?? promise.promise;
  const working = /^(\d+)wd$/.exec(said);
  if (working) return t('inspect.promise.withinWorkingDays', { days: Number(working[1]) });
  const match = /^(\d+)(m|h|d)$/.exec(said);
  const count = Number(match?.[1] ?? 0);
  const unit = (match?.[2] ?? 'm') as 'm' | 'h' | 'd';
  const duration = `${count} ${UNIT_WORDS[lang][unit]}${lang === 'en' && count !== 1 ? 's' : ''}`;
  return `${t('inspect.promise.within', { duration })}${promise.workingDays ? t('inspect.promise.workingDays') : ''}`;
}

function roleName(t: Translate, findings: SiteFindings, page: string): string {
  const role: PageRole = findings.pages.find((entry) => entry.url === page)?.role ?? 'home';
  return t(`inspect.role.${role}`);
}

/** The findings as a person reads them: the operator, the promises, the refund rules, then the risk signs. */
export function renderInspection(t: Translate, lang: Lang, findings: SiteFindings, failed: { url: string; reason: string }[]): string {
  const lines: string[] = [];
  const quote = (text: string) => (lang === 'zh' ? `“${printable(text)}”` : `"${printable(text)}"`);
  const indent = '  ';
  const [colon, open, close] = lang === 'zh' ? ['：', '（', '）'] : [': ', ' (', ')'];
  lines.push(t('inspect.heading', { site: printable(findings.site), count: findings.pages.length }), '');

  lines.push(t('inspect.section.operator'));
  const row = (label: string, values: string[]) => {
    if (values.length === 0) lines.push(`${indent}${label}${colon}${t('inspect.notFound')}`);
    for (const value of values) lines.push(`${indent}${label}${colon}${value}`);
  };
  row(t('inspect.label.company'), findings.companies.map((item) => `${printable(item.value)}  ${t('inspect.source', { page: roleName(t, findings, item.page) })} ${quote(item.context)}`));
  row(
    t('inspect.label.creditCode'),
    findings.creditCodes.map((item) => `${printable(item.value)}${open}${item.valid ? t('inspect.creditCode.valid') : t(`inspect.creditCode.invalid.${item.problem}`, { expected: item.expected ?? '?' })}${close}`),
  );
  row(t('inspect.label.icp'), findings.icp.filter((item) => item.type === 'filing').map((item) => printable(item.value)));
  const licences = findings.icp.filter((item) => item.type === 'licence');
  if (licences.length > 0) row(t('inspect.label.icpLicence'), licences.map((item) => printable(item.value)));
  row(t('inspect.label.publicSecurity'), findings.publicSecurity.map((item) => printable(item.value)));
  lines.push('');

  lines.push(t('inspect.section.promises'));
  if (findings.promises.length === 0) lines.push(`${indent}${t('inspect.none')}`);
  for (const promise of findings.promises) {
    const where = promise.document ? `《${printable(promise.document)}》${promise.clause ?? ''}` : roleName(t, findings, promise.page);
    lines.push(`${indent}${where}${colon}${describeFoundPromise(t, lang, promise)}  ${quote(promise.value)}`);
  }
  lines.push('');

  if (findings.refundRules.length > 0) {
    lines.push(t('inspect.section.refunds'));
    for (const rule of findings.refundRules) lines.push(`${indent}- ${printable(rule.value)}`);
    lines.push('');
  }

  lines.push(t('inspect.section.risks'));
  if (findings.risks.length === 0) lines.push(`${indent}${t('inspect.noRisks')}`);
  for (const risk of findings.risks) {
    const detail = Object.fromEntries(Object.entries(risk.detail ?? {}).map(([key, value]) => [key, printable(value)]));
    if (risk.code === 'promise-contradicted') detail.document = detail.document ? `《${detail.document}》` : t('inspect.role.agreement');
    lines.push(`${indent}! ${t(`inspect.risk.${risk.code}`, detail)}`);
  }
  lines.push('');

  lines.push(t('inspect.section.pages'));
  for (const page of findings.pages) lines.push(`${indent}${t(`inspect.role.${page.role}`)}  ${printable(page.url)}${page.title ? `  ${quote(page.title)}` : ''}`);
  for (const failure of failed) lines.push(`${indent}! ${t('inspect.linkFailed', { url: printable(failure.url), reason: printable(failure.reason) })}`);
  return lines.join('\n');
}
