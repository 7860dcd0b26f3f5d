/**
 * Proof over time, drawn: a page captured on three days (capture, then capture --again twice) appears in the
 * 12315 package's timeline section as a row of three dated thumbnails with the status each capture's page
 * title recorded. The case is built through the CLI against a local page; each run's clock is moved to its day.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';
import { contentsAndSections, readPages } from '../helpers/pdf-pages.js';

const temp = tempDirs('all', 'weiquan-series-');
let status = '处理中';
const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>订单 KM20261120001 · ${status}</title></head>
<body style="font-family:'Noto Sans CJK SC',sans-serif;margin:24px"><h1>订单详情</h1><p>订单号 KM20261120001</p><p>状态：<b>${status}</b></p></body></html>`);
});
let orderUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  orderUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/order/KM20261120001`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The CLI run at a given time: its fixed clock (WEIQUAN_NOW) and, for the capture times, the process clock. */
function at(time: string): NodeJS.ProcessEnv {
  return { WEIQUAN_NOW: time, WEIQUAN_TEST_CLOCK: time, NODE_OPTIONS: `--import=${pathToFileURL(path.join(ROOT, 'test/helpers/shifted-clock.mjs')).href}` };
}

describe('repeated captures of one page in the package', () => {
  it('draws three dated thumbnails with the recorded status in the timeline section', async () => {
    const home = await temp();
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env: at('2026-11-21T09:00:00+08:00') })).code).toBe(0);
    expect((await runCli(['profile', 'set', '--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'], { home })).code).toBe(0);
    const days = [
      { time: '2026-11-21T09:30:00+08:00', args: ['capture', 'C1', orderUrl] },
      { time: '2026-11-23T10:00:00+08:00', args: ['capture', 'C1', '--again', 'E1'] },
      { time: '2026-11-25T21:40:00+08:00', args: ['capture', 'C1', '--again', 'E1'] },
    ];
    for (const day of days) {
      const run = await runCli(day.args, { home, env: at(day.time) });
      expect(run.code, run.stderr).toBe(0);
    }
    const out = path.join(home, 'package');
    const bundle = await runCli(['bundle', 'C1', '-o', out, '--lang', 'zh'], { home, env: at('2026-11-25T22:00:00+08:00') });
    expect(bundle.code, bundle.stderr).toBe(0);

    const file = path.join(out, 'complaint.pdf');
    const pages = readPages(file);
    const { present } = contentsAndSections(pages);
    const from = present.find((s) => s.section === '二、事件时间线')!.page;
    const to = present.find((s) => s.section === '三、证据清单')!.page - 1;
    const timelinePages = pages.filter((p) => p.page >= from && p.page <= Math.max(from, to));
    expect(timelinePages.reduce((sum, page) => sum + page.images, 0)).toBe(3);
    const text = execFileSync('pdftotext', ['-f', String(from), '-l', String(Math.max(from, to)), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('同一页面的多次取证');
    expect(text).toContain('2026-11-21处理中·11-23处理中·11-25处理中');
    for (const [id, time] of [['E1', '2026-11-2109:30'], ['E2', '2026-11-2310:00'], ['E3', '2026-11-2521:40']]) expect(text).toContain(`${id}·${time}`);
  });
});
