/**
 * Who runs a site, and what it promises: pure extraction from the text of the pages `inspect` read.
 *
 * An e-commerce operator must show its business-licence information on its home page (电子商务法第十五条);
 * most Chinese sites show an ICP filing number in the footer; the 充值服务协议 states the real processing time.
 * Every finding keeps the page it came from and the text around it, so the user (and a letter) can quote it.
 */
import { promiseMinutes } from './promise.js';
import { checkCreditCode } from './credit-code.js';

export type PageRole = 'home' | 'licence' | 'agreement' | 'about';

/** A page as the browser read it: its visible text and its links. */
export type ReadPage = {
  url: string;
  title: string;
  text: string;
  links: { text: string; href: string }[];
  role: PageRole;
  /** the link text that led here (none for the home page) */
  linkText?: string;
};

export type Found = { value: string; page: string; context: string };
export type FoundCreditCode = Found & { valid: boolean; problem?: 'length' | 'characters' | 'check-digit'; expected?: string };
export type FoundIcp = Found & { type: 'filing' | 'licence' };
export type FoundPromise = Found & {
  /** in the form `--promise` takes: instant, 30m, 24h, 3d, or in whole working days 1wd, 3wd … */
  promise: string;
  /** counted in working days ("工作日24小时内", "3个工作日内") */
  workingDays: boolean;
  /** the time as the page wrote it, when the promise rounds it to working days: "工作日24小时内" → 24h (promise 1wd) */
  stated?: string;
  role: PageRole;
  /** the agreement's name, 《充值服务协议》 without the brackets, when the page is one */
  document?: string;
  /** the article the sentence stands in, e.g. 第三条 */
  clause?: string;
};

export type RiskCode = 'no-licence-info' | 'no-company' | 'invalid-credit-code' | 'promise-contradicted' | 'no-complaint-channel' | 'no-icp';
export type Risk = { code: RiskCode; detail?: Record<string, string> };

export type SiteFindings = {
  site: string;
  pages: { url: string; title: string; role: PageRole }[];
  companies: Found[];
  creditCodes: FoundCreditCode[];
  icp: FoundIcp[];
  publicSecurity: Found[];
  promises: FoundPromise[];
  refundRules: Found[];
  complaintChannels: Found[];
  /** the licence information is on the home page itself (or one link away from it, labelled as such) */
  licenceOnHomePage: boolean;
  risks: Risk[];
};

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

const LINK_RULES: { role: Exclude<PageRole, 'home'>; pattern: RegExp }[] = [
  { role: 'licence', pattern: /营业执照|证照信息|证照|执照|资质/ },
  { role: 'agreement', pattern: /充值协议|服务协议|用户协议|购买协议|服务条款|充值须知|购买须知|交易规则/ },
  { role: 'about', pattern: /关于我们|联系我们|公司简介/ },
];

function baseDomain(hostname: string): string {
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':')) return hostname;
  return hostname.split('.').slice(-2).join('.');
}

/** Same site: the same host, or hosts under the same registered domain (shop.x.com and www.x.com). */
export function sameSite(a: string, b: string): boolean {
  try {
    const left = new URL(a);
    const right = new URL(b);
    if (!/^https?:$/.test(right.protocol)) return false;
    return baseDomain(left.hostname) === baseDomain(right.hostname);
  } catch {
    return false;
  }
}

/**
 * The same-site links worth reading, licence pages first, then agreements, then "about us": at most `max`,
 * each once (fragments ignored), never the home page itself.
 */
export function chooseLinks(home: { url: string; links: { text: string; href: string }[] }, max = 4): { url: string; role: Exclude<PageRole, 'home'>; text: string }[] {
  const seen = new Set([stripHash(home.url)]);
  const chosen: { url: string; role: Exclude<PageRole, 'home'>; text: string }[] = [];
  for (const rule of LINK_RULES) {
    for (const link of home.links) {
      const text = link.text.replace(/\s+/g, ' ').trim();
      if (!rule.pattern.test(text) || !sameSite(home.url, link.href)) continue;
      const url = stripHash(link.href);
      if (seen.has(url)) continue;
      seen.add(url);
      chosen.push({ url, role: rule.role, text: text.slice(0, 40) });
    }
  }
  return chosen.slice(0, max);
}

function stripHash(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The line around an index, trimmed to at most ~`width` characters centred on the match. */
function around(text: string, index: number, length: number, width = 90): string {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const lineEndRaw = text.indexOf('\n', index + length);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  let start = lineStart;
  let end = lineEnd;
  if (end - start > width) {
    const spare = Math.max(0, width - length);
    start = Math.max(lineStart, index - Math.floor(spare / 2));
    end = Math.min(lineEnd, start + Math.max(width, length));
  }
  const slice = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > lineStart ? '…' : ''}${slice}${end < lineEnd ? '…' : ''}`;
}

const COMPANY = /[\u4e00-\u9fa5A-Za-z0-9（）()·]{2,40}?(?:有限责任公司|股份有限公司|有限公司|工作室|个体工商户|合伙企业)/g;
/** Words that introduce a name; what stands before the last of them is not part of it. */
const NAME_LEAD = /(?:运营主体|经营主体|主办单位|公司名称|企业名称|经营者名称|经营者|运营方|运营商|主体|名称|版权所有|运营|提供|本网站由|本站由|本平台由|网站由|平台由|由|与|为|是)[:：]?/g;
const NEAR_LICENCE = /营业执照|主体|运营|经营者|公司名称|企业名称|版权所有|copyright|©|备案|证照/i;

function trimLead(name: string): string {
  let cut = 0;
  for (const match of name.matchAll(NAME_LEAD)) {
    const end = match.index + match[0].length;
    // a lead word must leave a name behind it (at least two characters before the suffix)
    if (name.length - end >= 4) cut = end;
  }
  return name.slice(cut).replace(/^[（(]|[:：]/g, '');
}

function findCompanies(page: ReadPage): Found[] {
  const found: Found[] = [];
  const lines = page.text.split('\n');
  let offset = 0;
  for (const [index, line] of lines.entries()) {
    const neighbourhood = [lines[index - 1] ?? '', line, lines[index + 1] ?? ''].join(' ');
    const trusted = page.role !== 'home' || NEAR_LICENCE.test(neighbourhood);
    if (trusted) {
      for (const match of line.matchAll(COMPANY)) {
        const name = trimLead(match[0]);
        if (name.length < 6) continue;
        found.push({ value: name, page: page.url, context: around(page.text, offset + match.index, match[0].length) });
      }
    }
    offset += line.length + 1;
  }
  return found;
}

const CREDIT_STRICT = /(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Za-z])/g;
const CREDIT_LABELLED = /(?:统一社会信用代码|信用代码|社会信用代码)[^0-9A-Za-z\n]{0,8}([0-9A-Za-z]{10,24})/g;

function findCreditCodes(page: ReadPage): FoundCreditCode[] {
  const seen = new Set<string>();
  const found: FoundCreditCode[] = [];
  const add = (raw: string, index: number) => {
    const check = checkCreditCode(raw);
    if (seen.has(check.code)) return;
    seen.add(check.code);
    const context = around(page.text, index, raw.length);
    if (check.valid) found.push({ value: check.code, page: page.url, context, valid: true });
    else found.push({ value: check.code, page: page.url, context, valid: false, problem: check.reason, ...(check.expected ? { expected: check.expected } : {}) });
  };
  for (const match of page.text.matchAll(CREDIT_LABELLED)) add(match[1]!, match.index + match[0].length - match[1]!.length);
  for (const match of page.text.matchAll(CREDIT_STRICT)) add(match[0], match.index);
  return found;
}

const ICP_FILING = new RegExp(`([${PROVINCES}])\\s*ICP\\s*(备|证)\\s*(\\d{5,12})\\s*号?(?:\\s*[-－]\\s*(\\d{1,3}))?`, 'g');
const ICP_LICENCE = new RegExp(`([${PROVINCES}])\\s*(B[12])\\s*[-－]\\s*(\\d{8})`, 'g');
const PUBLIC_SECURITY = new RegExp(`([${PROVINCES}])\\s*公网安备\\s*(\\d{10,16})\\s*号?`, 'g');

function findIcp(page: ReadPage): FoundIcp[] {
  const found: FoundIcp[] = [];
  for (const match of page.text.matchAll(ICP_FILING)) {
    const value = `${match[1]}ICP${match[2]}${match[3]}号${match[4] ? `-${match[4]}` : ''}`;
    found.push({ value, page: page.url, context: around(page.text, match.index, match[0].length), type: match[2] === '备' ? 'filing' : 'licence' });
  }
  for (const match of page.text.matchAll(ICP_LICENCE)) {
    found.push({ value: `${match[1]}${match[2]}-${match[3]}`, page: page.url, context: around(page.text, match.index, match[0].length), type: 'licence' });
  }
  return found;
}

function findPublicSecurity(page: ReadPage): Found[] {
  return [...page.text.matchAll(PUBLIC_SECURITY)].map((match) => ({ value: `${match[1]}公网安备${match[2]}号`, page: page.url, context: around(page.text, match.index, match[0].length) }));
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "24", "二十四", "十" → a number; undefined for anything else. */
export function readCount(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(raw)) return undefined;
  const [tens, ones] = raw.includes('十') ? raw.split('十') : ['', raw];
  if (!raw.includes('十')) return raw.length === 1 ? CHINESE_DIGITS[raw] : undefined;
  const high = tens === '' ? 1 : CHINESE_DIGITS[tens!];
  const low = ones === '' ? 0 : CHINESE_DIGITS[ones!];
  return high === undefined || low === undefined ? undefined : high * 10 + low;
}

const INSTANT = /秒充|秒到账|秒到帐|秒到|即时到账|实时到账|极速到账|立即到账|闪充/g;
const WITHIN = /(工作日\s*)?(?:\d+\s*[-~～至到]\s*)?(\d+|[一二两三四五六七八九十]+)\s*个?\s*(分钟|小时|工作日|天|日)\s*(?:之)?内\s*(?:[\u4e00-\u9fa5]{0,3}?)(到账|到帐|处理|发货|充值|完成|办理|受理)/g;
const REFUND_WORDS = /退款|退还|退回|原路返回|不予退|不退/;
const CLAUSE = /第[一二三四五六七八九十百零〇\d]+条/g;

/** The sentence (between 。；! ? or line ends) around an index. */
function sentenceAt(text: string, index: number): { start: number; text: string } {
  const before = Math.max(...['。', '；', '！', '？', '\n'].map((mark) => text.lastIndexOf(mark, index - 1))) + 1;
  const afters = ['。', '；', '！', '？', '\n'].map((mark) => text.indexOf(mark, index)).filter((at) => at >= 0);
  const end = afters.length > 0 ? Math.min(...afters) + 1 : text.length;
  return { start: before, text: text.slice(before, end).replace(/\s+/g, ' ').trim() };
}

function clauseBefore(text: string, index: number): string | undefined {
  let last: string | undefined;
  for (const match of text.matchAll(CLAUSE)) {
    if (match.index > index) break;
    // a clause heading starts a line (or follows a space); a reference such as "依第三条" mid-sentence does not count
    const before = text[match.index - 1];
    if (before === undefined || before === '\n' || before === ' ') last = match[0];
  }
  return last;
}

function documentName(page: ReadPage): string | undefined {
  if (page.role !== 'agreement') return undefined;
  const quoted = /《([^》]{2,30})》/.exec(page.text);
  if (/协议|须知|条款|规则/.test(page.title)) return page.title.replace(/[《》]/g, '').split(/[-_|–—]/)[0]!.trim();
  if (quoted) return quoted[1];
  return page.linkText?.replace(/[《》]/g, '');
}

function findPromises(page: ReadPage): FoundPromise[] {
  const found: FoundPromise[] = [];
  const document = documentName(page);
  const add = (index: number, length: number, promise: string, workingDays: boolean, stated?: string) => {
    const sentence = sentenceAt(page.text, index);
    if (REFUND_WORDS.test(sentence.text)) return; // a refund period is not a delivery promise
    const clause = page.role === 'agreement' ? clauseBefore(page.text, index) : undefined;
    found.push({
      value: sentence.text.length > 120 ? around(page.text, index, length, 120) : sentence.text,
      page: page.url,
      context: around(page.text, index, length),
      promise,
      workingDays,
      ...(stated !== undefined && stated !== promise ? { stated } : {}),
      role: page.role,
      ...(document ? { document } : {}),
      ...(clause ? { clause } : {}),
    });
  };
  for (const match of page.text.matchAll(INSTANT)) add(match.index, match[0].length, 'instant', false);
  for (const match of page.text.matchAll(WITHIN)) {
    const count = readCount(match[2]!);
    if (count === undefined || count <= 0) continue;
    const unit = match[3]!;
    const workingDays = Boolean(match[1]) || unit === '工作日';
    const stated = unit === '分钟' ? `${count}m` : unit === '小时' ? `${count}h` : `${count}d`;
    const minutes = unit === '分钟' ? count : unit === '小时' ? count * 60 : count * 1440;
    // counted in working days: whole working days (工作日24小时内 → 1wd), never fewer than the sentence allows
    const promise = workingDays ? `${Math.ceil(minutes / 1440)}wd` : stated;
    add(match.index, match[0].length, promise, workingDays, workingDays && unit !== '工作日' ? stated : undefined);
  }
  // one finding per sentence: the longest time it names (a range "1-24 小时" counts as its end)
  const bySentence = new Map<string, FoundPromise>();
  for (const promise of found) {
    const known = bySentence.get(promise.value);
    if (!known || (promiseMinutesOf(promise.promise) ?? 0) > (promiseMinutesOf(known.promise) ?? 0)) bySentence.set(promise.value, promise);
  }
  return [...bySentence.values()];
}

/** Minutes a found promise allows (instant → 0): read by the promise's one owner, core/promise.ts. */
export function promiseMinutesOf(promise: string): number | undefined {
  return promiseMinutes(promise);
}

function findSentences(page: ReadPage, pattern: RegExp, limit: number): Found[] {
  const found: Found[] = [];
  const seen = new Set<string>();
  const global = new RegExp(pattern.source, 'g');
  for (const match of page.text.matchAll(global)) {
    const sentence = sentenceAt(page.text, match.index);
    if (seen.has(sentence.text) || sentence.text.length < 4) continue;
    seen.add(sentence.text);
    found.push({ value: sentence.text.length > 140 ? `${sentence.text.slice(0, 139)}…` : sentence.text, page: page.url, context: around(page.text, match.index, match[0].length) });
    if (found.length >= limit) break;
  }
  return found;
}

const COMPLAINT_CHANNEL = /客服|投诉|联系我们|在线咨询|举报电话|400[-\s]?\d{3}[-\s]?\d{4}/;

function uniqueBy<T extends Found>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.value) ? false : (seen.add(item.value), true)));
}

/** What the pages say about who runs the site and what it promises, and the risk signs a buyer should see. */
export function inspectSite(pages: ReadPage[]): SiteFindings {
  const home = pages.find((page) => page.role === 'home') ?? pages[0];
  const companies = uniqueBy(pages.flatMap(findCompanies));
  const creditCodes = uniqueBy(pages.flatMap(findCreditCodes));
  const icp = uniqueBy(pages.flatMap(findIcp));
  const publicSecurity = uniqueBy(pages.flatMap(findPublicSecurity));
  const promises = pages.flatMap(findPromises);
  const refundRules = uniqueBy(pages.flatMap((page) => findSentences(page, REFUND_WORDS, 5))).slice(0, 8);
  const complaintChannels = uniqueBy(pages.flatMap((page) => findSentences(page, COMPLAINT_CHANNEL, 3))).slice(0, 5);

  const onHome = (found: Found[]) => home !== undefined && found.some((item) => item.page === home.url);
  const licencePage = pages.some((page) => page.role === 'licence');
  const licenceOnHomePage = onHome(companies) || onHome(creditCodes.filter((code) => code.valid)) || licencePage;

  const risks: Risk[] = [];
  if (!licenceOnHomePage) risks.push({ code: 'no-licence-info' });
  if (companies.length === 0) risks.push({ code: 'no-company' });
  for (const code of creditCodes.filter((item) => !item.valid)) risks.push({ code: 'invalid-credit-code', detail: { code: code.value, page: code.page } });
  const banner = promises.filter((promise) => promise.role === 'home' || promise.role === 'about');
  const agreed = promises.filter((promise) => promise.role === 'agreement');
  const fastest = banner.reduce<FoundPromise | undefined>((best, promise) => (best === undefined || (promiseMinutesOf(promise.promise) ?? 0) < (promiseMinutesOf(best.promise) ?? 0) ? promise : best), undefined);
  const slowest = agreed.reduce<FoundPromise | undefined>((worst, promise) => (worst === undefined || (promiseMinutesOf(promise.promise) ?? 0) > (promiseMinutesOf(worst.promise) ?? 0) ? promise : worst), undefined);
  if (fastest && slowest && (promiseMinutesOf(slowest.promise) ?? 0) > (promiseMinutesOf(fastest.promise) ?? 0)) {
    risks.push({ code: 'promise-contradicted', detail: { banner: fastest.value, agreement: slowest.value, document: slowest.document ?? '' } });
  }
  if (complaintChannels.length === 0) risks.push({ code: 'no-complaint-channel' });
  if (icp.length === 0) risks.push({ code: 'no-icp' });

  return {
    site: home?.url ?? '',
    pages: pages.map((page) => ({ url: page.url, title: page.title, role: page.role })),
    companies,
    creditCodes,
    icp,
    publicSecurity,
    promises,
    refundRules,
    complaintChannels,
    licenceOnHomePage,
    risks,
  };
}

/** A fact `inspect --case` can fill in, with where it was found. */
export type ProposedFact = {
  field: 'platform.company' | 'platform.creditCode' | 'platform.url' | 'order.promise';
  value: string;
  /** where it was found; a promise also names its agreement and clause */
  source: Found & { document?: string; clause?: string };
  /** what the case holds now, when it already holds something else */
  current?: string;
};

export type CaseFactsForInspection = { platformUrl?: string; company?: string; creditCode?: string; promise: string };

/**
 * What the findings can add to a case: the company (a licence page first, then the home page, then an
 * agreement), a valid credit code only, the site's address, and an agreement's processing time as the
 * promise. A fact equal to what the case holds is left out; one that differs carries the current value.
 */
export function proposeFacts(findings: SiteFindings, current: CaseFactsForInspection): ProposedFact[] {
  const proposals: ProposedFact[] = [];
  const rank = (page: string) => {
    const role = findings.pages.find((entry) => entry.url === page)?.role;
    return role === 'licence' ? 0 : role === 'home' ? 1 : role === 'about' ? 2 : 3;
  };
  const company = [...findings.companies].sort((a, b) => rank(a.page) - rank(b.page))[0];
  const code = findings.creditCodes.filter((item) => item.valid).sort((a, b) => rank(a.page) - rank(b.page))[0];
  const promise = findings.promises.filter((item) => item.role === 'agreement').sort((a, b) => (promiseMinutesOf(b.promise) ?? 0) - (promiseMinutesOf(a.promise) ?? 0))[0];
  const add = (field: ProposedFact['field'], value: string | undefined, source: ProposedFact['source'] | undefined, now: string | undefined) => {
    if (value === undefined || source === undefined || value === now) return;
    proposals.push({ field, value, source, ...(now !== undefined && now !== '' && now !== 'none' ? { current: now } : {}) });
  };
  add('platform.company', company?.value, company, current.company);
  add('platform.creditCode', code?.value, code, current.creditCode);
  if (findings.site) {
    const origin = new URL(findings.site).origin + '/';
    const home = { value: origin, page: findings.site, context: origin };
    if (current.platformUrl === undefined) add('platform.url', origin, home, undefined);
  }
  add('order.promise', promise?.promise, promise, current.promise);
  return proposals;
}
