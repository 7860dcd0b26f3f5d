import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckCharacter } from '../../src/core/credit-code.js';
import { chooseLinks, inspectSite, proposeFacts, readCount, type ReadPage, sameSite } from '../../src/core/site-inspection.js';

// A valid code built from its first 17 characters, so the test does not depend on a real company's number.
const FIRST17 = '91330110MA2H3K7X1';
const VALID = `${FIRST17}${creditCodeCheckCharacter(FIRST17)}`;
const INVALID = `${FIRST17}${creditCodeCheckCharacter(FIRST17) === '0' ? '1' : '0'}`;

const home: ReadPage = {
  url: 'https://xingchen.example.com/',
  title: '星辰卡盟 - 话费秒充',
  role: 'home',
  text: [
    '星辰卡盟 话费 流量 游戏点卡',
    '全网最低价，话费秒到账！',
    '在线客服 9:00-22:00',
    '运营主体：杭州星辰网络科技有限公司 统一社会信用代码：' + VALID,
    '浙ICP备2023012345号-1 浙公网安备 33011002012345号',
  ].join('\n'),
  links: [
    { text: '营业执照', href: 'https://xingchen.example.com/licence' },
    { text: '充值服务协议', href: 'https://xingchen.example.com/agreement#top' },
    { text: '关于我们', href: 'https://www.xingchen.example.com/about' },
    { text: '用户协议', href: 'https://other.example.org/terms' },
    { text: '首页', href: 'https://xingchen.example.com/' },
  ],
};

const agreement: ReadPage = {
  url: 'https://xingchen.example.com/agreement',
  title: '充值服务协议',
  role: 'agreement',
  linkText: '充值服务协议',
  text: [
    '充值服务协议',
    '第一条 本协议由您与杭州星辰网络科技有限公司订立。',
    '第三条 充值订单将在工作日24小时内处理完毕，节假日顺延。',
    '第五条 充值失败的订单，退款将在3个工作日内原路返回。',
  ].join('\n'),
  links: [],
};

describe('credit codes (GB 32100-2015)', () => {
  it.each([
    [VALID, true, undefined],
    [INVALID, false, 'check-digit'],
    ['91330110MA2H3K7X', false, 'length'],
    ['91330110MA2H3K7XIO', false, 'characters'],
    [VALID.toLowerCase(), true, undefined],
  ])('%s → valid %s', (code, valid, reason) => {
    const result = checkCreditCode(code);
    expect(result.valid).toBe(valid);
    if (!result.valid) expect(result.reason).toBe(reason);
  });

  it('accepts a published example (91350100M000100Y43) and rejects it with one character changed', () => {
    expect(checkCreditCode('91350100M000100Y43').valid).toBe(true);
    expect(checkCreditCode('91350100M000100Y44').valid).toBe(false);
  });
});

describe('links worth following', () => {
  it('keeps same-site licence, agreement and about links, in that order, once each', () => {
    expect(chooseLinks(home)).toEqual([
      { url: 'https://xingchen.example.com/licence', role: 'licence', text: '营业执照' },
      { url: 'https://xingchen.example.com/agreement', role: 'agreement', text: '充值服务协议' },
      { url: 'https://www.xingchen.example.com/about', role: 'about', text: '关于我们' },
    ]);
  });
  it('treats loopback hosts by address and refuses other schemes', () => {
    expect(sameSite('http://127.0.0.1:8080/', 'http://127.0.0.1:8080/a')).toBe(true);
    expect(sameSite('http://127.0.0.1:8080/', 'javascript:alert(1)')).toBe(false);
    expect(sameSite('https://a.example.com/', 'https://b.example.net/')).toBe(false);
  });
  it('reads counts in digits and Chinese numerals', () => {
    expect([readCount('24'), readCount('二十四'), readCount('十'), readCount('三'), readCount('x')]).toEqual([24, 24, 10, 3, undefined]);
  });
});

describe('inspectSite', () => {
  it('finds the operator, its credit code, the filings, the promises with their clause, and the contradiction', () => {
    const findings = inspectSite([home, agreement]);
    expect(findings.companies.map((c) => c.value)).toEqual(['杭州星辰网络科技有限公司']);
    expect(findings.companies[0]!.context).toContain('运营主体');
    expect(findings.creditCodes).toEqual([expect.objectContaining({ value: VALID, valid: true, page: home.url })]);
    expect(findings.icp.map((i) => i.value)).toEqual(['浙ICP备2023012345号-1']);
    expect(findings.publicSecurity.map((i) => i.value)).toEqual(['浙公网安备33011002012345号']);
    const agreed = findings.promises.find((p) => p.role === 'agreement')!;
    expect(agreed).toMatchObject({ promise: '1wd', workingDays: true, clause: '第三条', document: '充值服务协议' });
    expect(agreed.value).toBe('第三条 充值订单将在工作日24小时内处理完毕，节假日顺延。');
    // the refund period is a refund rule, never a delivery promise
    expect(findings.promises.some((p) => p.value.includes('退款'))).toBe(false);
    expect(findings.refundRules.map((r) => r.value)).toContain('第五条 充值失败的订单，退款将在3个工作日内原路返回。');
    expect(findings.promises.find((p) => p.role === 'home')).toMatchObject({ promise: 'instant' });
    expect(findings.risks.map((r) => r.code)).toEqual(['promise-contradicted']);
    expect(findings.licenceOnHomePage).toBe(true);
  });

  it('names what is missing on a bare site, and reports an invalid code without using it', () => {
    const bare: ReadPage = { url: 'http://127.0.0.1:9/', title: '卡盟', role: 'home', text: '卡盟 秒充\n客服QQ：12345\n信用代码 ' + INVALID, links: [] };
    const findings = inspectSite([bare]);
    expect(findings.risks.map((r) => r.code)).toEqual(['no-licence-info', 'no-company', 'invalid-credit-code', 'no-icp']);
    expect(findings.creditCodes[0]).toMatchObject({ valid: false, problem: 'check-digit' });
    expect(proposeFacts(findings, { promise: 'none' }).map((p) => p.field)).toEqual(['platform.url']);
  });

  it('says when there is no complaint channel, and does not take a company name that only appears in body copy', () => {
    const page: ReadPage = { url: 'https://a.example.com/', title: 'x', role: 'home', text: '合作伙伴：北京某某信息技术有限公司的产品\n秒充', links: [] };
    const findings = inspectSite([page]);
    expect(findings.companies).toEqual([]);
    expect(findings.risks.map((r) => r.code)).toContain('no-complaint-channel');
  });
});

describe('proposeFacts', () => {
  const findings = inspectSite([home, agreement]);
  it('fills what the case lacks, the agreement promise included', () => {
    expect(proposeFacts(findings, { promise: 'none' })).toEqual([
      expect.objectContaining({ field: 'platform.company', value: '杭州星辰网络科技有限公司' }),
      expect.objectContaining({ field: 'platform.creditCode', value: VALID }),
      expect.objectContaining({ field: 'platform.url', value: 'https://xingchen.example.com/' }),
      expect.objectContaining({ field: 'order.promise', value: '1wd' }),
    ]);
  });
  it('leaves out what already matches and marks what differs with the current value', () => {
    const proposals = proposeFacts(findings, { company: '杭州星辰网络科技有限公司', creditCode: VALID, platformUrl: 'https://xingchen.example.com/', promise: 'instant' });
    expect(proposals).toEqual([expect.objectContaining({ field: 'order.promise', value: '1wd', current: 'instant' })]);
  });
});
