import { describe, expect, it } from 'vitest';
import { type CapturePlan, planCapture } from '../../src/commands/capture/plan.js';
import { makeCase } from './deadlines-fixture.js';

const record = {
  ...makeCase(),
  platform: { name: '快充卡盟', url: 'https://kachong.example.com' },
  evidence: [
    { id: 'E1', kind: 'order-page', title: 'a', source: 'https://kachong.example.com/order/1', proves: 'x', addedAt: '2026-11-21T01:00:00.000Z', files: [], meta: {} },
    { id: 'E2', kind: 'order-page', title: 'b', source: 'https://kachong.example.com/order/1', proves: 'x', addedAt: '2026-11-22T01:00:00.000Z', files: [], meta: {}, againOf: 'E1' },
    { id: 'E3', kind: 'payment', title: 'c', source: 'imported: 支付.jpg', proves: 'x', addedAt: '2026-11-22T01:00:00.000Z', files: [], meta: {} },
  ],
} as Parameters<typeof planCapture>[1];
const settings: Parameters<typeof planCapture>[2] = { interactive: true, home: '/data', defaultProves: (kind: string) => `默认:${kind}`, captureDevice: 'desktop' };
const url = 'https://kachong.example.com/order/1';

describe('planCapture: options, case and settings → method, URLs, decisions', () => {
  it.each<[string, Parameters<typeof planCapture>[0], Partial<typeof settings>, Partial<CapturePlan>]>([
    ['headless by default, 30 s, an order page with the default wording', { urls: [url] }, {}, { method: { type: 'headless' }, urls: [url], timeoutMs: 30_000, decisions: { kind: 'order-page', proves: '默认:order-page' } }],
    ['several pages, one kind, --proves and --note kept', { urls: [url, 'https://a.example/rules'], kind: 'rules', proves: ' 规则 ', note: 'n' }, {}, { urls: [url, 'https://a.example/rules'], decisions: { kind: 'rules', proves: '规则', note: 'n' } }],
    ['--timeout in seconds', { urls: [url], timeout: '2.5' }, {}, { timeoutMs: 2500 }],
    ['--cookies is read by the command', { urls: [url], cookies: 'cookies.txt' }, {}, { cookiesFile: 'cookies.txt' }],
    ['--connect with a port', { urls: [], connect: '9222' }, {}, { method: { type: 'connect', endpoint: 'http://127.0.0.1:9222' }, urls: [] }],
    ['--connect with a ws endpoint and a URL', { urls: [url], connect: 'ws://127.0.0.1:9222/devtools/browser/x' }, {}, { method: { type: 'connect', endpoint: 'ws://127.0.0.1:9222/devtools/browser/x' }, urls: [url] }],
    ['--login starts on the URL given, then captures the open page', { urls: [url], login: true }, {}, { method: { type: 'login', profileDir: '/data/browser-profile', startUrl: url }, urls: [] }],
    ['--login without a URL starts on the platform site', { urls: [], login: true }, {}, { method: { type: 'login', profileDir: '/data/browser-profile', startUrl: 'https://kachong.example.com' }, urls: [] }],
    ['--again E2 repeats the series root E1 with its kind', { urls: [], again: 'e2', kind: 'rules' }, {}, { urls: [url], decisions: { kind: 'order-page', proves: '默认:order-page', againOf: 'E1' } }],
    // the device pages are loaded as: --device > the captureDevice setting > desktop
    ['a desktop window by default', { urls: [url] }, {}, { device: 'desktop' }],
    ['--device phone', { urls: [url], device: 'Phone' }, {}, { device: 'phone' }],
    ['the captureDevice setting', { urls: [url] }, { captureDevice: 'phone' }, { device: 'phone' }],
    ['--device desktop over the setting', { urls: [url], device: 'desktop' }, { captureDevice: 'phone' }, { device: 'desktop' }],
    ['a phone also for a new tab of a running browser', { urls: [url], connect: '9222', device: 'phone' }, {}, { method: { type: 'connect', endpoint: 'http://127.0.0.1:9222' }, device: 'phone' }],
    ['the setting leaves a page already open as it is', { urls: [], connect: '9222' }, { captureDevice: 'phone' }, { device: 'desktop' }],
    ['--again loads the page again as a phone', { urls: [], again: 'E1', device: 'phone' }, {}, { urls: [url], device: 'phone' }],
  ])('%s', (_name, options, overrides, expected) => {
    expect(planCapture(options, record, { ...settings, ...overrides })).toMatchObject(expected);
  });

  it.each<[string, Parameters<typeof planCapture>[0], Partial<typeof settings>, string]>([
    ['no URL and no way to find a page', { urls: [] }, {}, 'capture.noUrl'],
    ['a URL that is not http(s)', { urls: ['file:///etc/passwd'] }, {}, 'input.url.scheme'],
    ['a timeout of 0', { urls: [url], timeout: '0' }, {}, 'capture.timeout.invalid'],
    ['a timeout over ten minutes', { urls: [url], timeout: '601' }, {}, 'capture.timeout.invalid'],
    ['an unknown kind', { urls: [url], kind: 'selfie' }, {}, 'evidence.kind.invalid'],
    ['--connect to something that is no address', { urls: [], connect: 'ftp://x' }, {}, 'capture.connect.invalid'],
    ['--login without a terminal', { urls: [url], login: true }, { interactive: false }, 'capture.login.needsTerminal'],
    ['--login with two URLs', { urls: [url, url], login: true }, {}, 'capture.login.oneUrl'],
    ['--again with a URL', { urls: [url], again: 'E1' }, {}, 'capture.again.withUrl'],
    ['--again of an unknown item', { urls: [], again: 'E9' }, {}, 'capture.again.unknown'],
    ['--again of an imported file', { urls: [], again: 'E3' }, {}, 'capture.again.notCapture'],
    ['a device that is neither desktop nor phone', { urls: [url], device: 'tablet' }, {}, 'capture.device.invalid'],
    ['--device phone for the page open after --login', { urls: [url], login: true, device: 'phone' }, {}, 'capture.device.loadedOnly'],
    ['--device phone for the page open in a running browser', { urls: [], connect: '9222', device: 'phone' }, {}, 'capture.device.loadedOnly'],
  ])('refuses %s', (_name, options, overrides, key) => {
    expect(() => planCapture(options, record, { ...settings, ...overrides })).toThrow(expect.objectContaining({ key }));
  });
});
