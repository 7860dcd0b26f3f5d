import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';
import { AGREEMENT_SENTENCE, COMPANY, ICP, INVALID_CODE, type SiteServer, startSiteServer, VALID_CODE } from '../fixtures/inspect/site-server.js';

const newTemp = tempDirs('each', 'weiquan-inspect-');
const pdfText = async (file: string) => (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout;

/** The sample order without the company and the promise, so that inspect has something to fill. */
function orderWithout(...flags: string[]): string[] {
  const args: string[] = [];
  for (let index = 0; index < SAMPLE_ORDER.length; index += 2) if (!flags.includes(SAMPLE_ORDER[index]!)) args.push(SAMPLE_ORDER[index]!, SAMPLE_ORDER[index + 1]!);
  return args;
}

describe('weiquan inspect (end to end, real chromium)', () => {
  let site: SiteServer;
  beforeAll(async () => {
    site = await startSiteServer();
  });
  afterAll(async () => {
    await site?.close();
  });

  it('finds the operator, its valid credit code, the ICP number and the agreement that contradicts the banner, and saves nothing', async () => {
    const home = await newTemp();
    const result = await runCli(['inspect', site.url('/'), '--json'], { home });
    expect(result.code, result.stderr).toBe(0);
    const findings = JSON.parse(result.stdout);
    expect(findings.companies.map((c: { value: string }) => c.value)).toEqual([COMPANY]);
    expect(findings.creditCodes).toEqual([expect.objectContaining({ value: VALID_CODE, valid: true })]);
    expect(findings.icp.map((i: { value: string }) => i.value)).toEqual([ICP]);
    expect(findings.publicSecurity.map((i: { value: string }) => i.value)).toEqual(['浙公网安备33011002012345号']);
    expect(findings.pages.map((p: { role: string }) => p.role)).toEqual(['home', 'licence', 'agreement', 'about']);
    // the off-site "用户协议" link is not followed
    expect(findings.pages.some((p: { url: string }) => p.url.includes('elsewhere'))).toBe(false);
    const agreed = findings.promises.find((p: { role: string }) => p.role === 'agreement');
    expect(agreed).toMatchObject({ promise: '1wd', workingDays: true, clause: '第三条', document: '充值服务协议', value: AGREEMENT_SENTENCE, page: site.url('/agreement') });
    expect(findings.risks.map((r: { code: string }) => r.code)).toEqual(['promise-contradicted']);
    expect(findings.refundRules.map((r: { value: string }) => r.value)).toContain('第五条 充值失败的订单，退款将在3个工作日内原路返回。');
    // a pre-purchase check writes nothing: not even a cases folder
    expect(await readdir(home)).not.toContain('cases');
  });

  it('reports a site with no licence line, and an invalid credit code as invalid, in words', async () => {
    const home = await newTemp();
    const result = await runCli(['inspect', site.url('/bare/'), '--lang', 'zh'], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('首页没有营业执照信息');
    expect(result.stdout).toContain('电子商务法第十五条');
    expect(result.stdout).toContain(`${INVALID_CODE}（无效：校验位不符`);
    expect(result.stdout).toContain('没有找到经营者的公司名称');
    expect(result.stdout).toContain('没有找到 ICP 备案号');
    expect(result.stderr).toContain('未保存任何内容');
  });

  it('never prints the page text raw: control characters from the site are shown escaped', async () => {
    const home = await newTemp();
    const result = await runCli(['inspect', site.url('/hostile/'), '--lang', 'zh'], { home });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('\u001b');
    expect(result.stdout).toContain('\\e[2K');
  });

  it('with --case --apply files every page as evidence, fills the empty facts and quotes the agreement as the promise', { timeout: 240_000 }, async () => {
    const home = await newTemp();
    const env = { WEIQUAN_NOW: FIXED_NOW };
    expect((await runCli(['new', ...orderWithout('--company', '--promise', '--platform-url')], { home, env })).code).toBe(0);
    const result = await runCli(['inspect', site.url('/'), '--case', 'C1', '--apply', '--json'], { home, env });
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.case.evidence).toEqual(['E1', 'E2', 'E3', 'E4']);
    expect(output.case.applied.map((a: { field: string }) => a.field)).toEqual(['platform.company', 'platform.creditCode', 'platform.url', 'order.promise']);

    const record = JSON.parse(await readFile(path.join(home, 'cases/C1/case.json'), 'utf8'));
    expect(record.platform.company).toBe(COMPANY);
    expect(record.platform.creditCode).toBe(VALID_CODE);
    expect(record.platform.url).toBe(site.url('/'));
    // 工作日24小时内 is counted in working days: one, ending with the next working day
    expect(record.order.promise).toBe('1wd');
    expect(record.order.promiseSource).toEqual({ document: '充值服务协议', clause: '第三条', quote: AGREEMENT_SENTENCE, url: site.url('/agreement'), evidence: 'E3' });
    expect(record.evidence.map((e: { kind: string }) => e.kind)).toEqual(['other', 'other', 'rules', 'other']);
    expect(record.evidence[2].proves).toBe('平台协议载明的处理时限和退款规则');
    // named like any capture (kind and time), the page's own title kept beside it
    expect(record.evidence[2].title).toMatch(/（网页取证，\d{4}-\d\d-\d\d \d\d:\d\d）$/);
    expect(record.evidence[2].meta.capture.title).toBeTruthy();
    expect(record.evidence[0].files.map((f: { role: string }) => f.role)).toEqual(['screenshot', 'mhtml', 'captioned', 'sidecar']);

    const verify = await runCli(['verify', 'C1'], { home, env });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);

    // the letter and the 12315 text quote the platform's own agreement, under its article, with the evidence
    expect((await runCli(['profile', 'set', '--name', '王小明', '--phone', '13800138000', '--address', '上海市浦东新区某某路 8 号'], { home, env })).code).toBe(0);
    const letter = path.join(home, 'letter.pdf');
    const made = await runCli(['letter', 'C1', '-o', letter], { home, env });
    expect(made.code, made.stderr).toBe(0);
    const text = (await pdfText(letter)).replace(/\s+/g, '');
    expect(text).toContain('贵方《充值服务协议》第三条载明：“充值订单将在工作日24小时内处理完毕，节假日顺延”（见证据E3）');
    // counted on the calendar: ordered Friday 2026-11-20 10:00, due at the end of Monday 11-23; at Tuesday noon 12 hours past
    expect(text).toContain('（见证据E3），即应于2026-11-2323:59前到账');
    expect(text).toContain('已超过承诺时限12小时');
    const bundle = await runCli(['bundle', 'C1', '-o', path.join(home, 'package'), '--json'], { home, env });
    expect(bundle.code, bundle.stderr).toBe(0);
    const complaint = (await readFile(path.join(home, 'package', 'complaint.txt'), 'utf8')).replace(/\s+/g, '');
    expect(complaint).toContain(VALID_CODE);
    expect(complaint).toContain('经营者《充值服务协议》第三条载明：“充值订单将在工作日24小时内处理完毕，节假日顺延”（证据E3）');

    // a second run proposes nothing new, and never replaces a recorded value without a terminal to ask in
    expect((await runCli(['edit', 'C1', '--promise', '2h'], { home, env })).code).toBe(0);
    const again = await runCli(['inspect', site.url('/'), '--case', 'C1', '--apply'], { home, env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('weiquan edit C1 --promise "1wd"');
    const after = JSON.parse(await readFile(path.join(home, 'cases/C1/case.json'), 'utf8'));
    expect(after.order.promise).toBe('2h');
    // the promise typed anew is no longer quoted from the agreement
    expect(after.order.promiseSource).toBeUndefined();
  });

  it('refuses bad input with exit 2 before starting a browser, and writes nothing', async () => {
    const home = await newTemp();
    const env = { WEIQUAN_NOW: FIXED_NOW };
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    const before = await readFile(path.join(home, 'cases/C1/journal.jsonl'), 'utf8');
    for (const args of [['inspect', 'not a url'], ['inspect', 'ftp://example.com/'], ['inspect', site.url('/'), '--links', '99'], ['inspect', site.url('/'), '--case', 'C9']]) {
      const result = await runCli(args, { home, env: { ...env, WEIQUAN_BROWSER: '/nonexistent/browser' } });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
    }
    expect(await readFile(path.join(home, 'cases/C1/journal.jsonl'), 'utf8')).toBe(before);
  });
});
