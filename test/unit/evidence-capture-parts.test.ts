import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentError, InputError } from '../../src/errors.js';
import { browserCandidates, findBrowser } from '../../src/evidence/capture/browser-discovery.js';
import { fitLine } from '../../src/evidence/capture/caption.js';
import { pngSize } from '../../src/evidence/capture/capture-page.js';
import { parseCookieFile, parseJsonCookies, parseNetscapeCookies } from '../../src/evidence/capture/cookies.js';
import { browserArgs } from '../../src/evidence/capture/launch.js';
import { detectLoginWall, isLoginLikeUrl } from '../../src/evidence/capture/login-wall.js';

describe('login wall detection', () => {
  it.each([
    ['https://km.example.com/login?next=/order/1', true],
    ['https://km.example.com/user/signin', true],
    ['https://passport.example.com/?return=x', true],
    ['https://km.example.com/#/login', true],
    ['https://km.example.com/member/登录', true],
    ['https://km.example.com/order/KM1', false],
    ['https://km.example.com/blog/loginless-checkout-tips', false],
    ['https://authority.example.com/rules', false],
  ])('%s is login-like: %s', (url, expected) => {
    expect(isLoginLikeUrl(url)).toBe(expected);
  });

  it('flags a redirect to a login page, and a password field', () => {
    expect(detectLoginWall({ requestedUrl: 'https://a.example/order/1', finalUrl: 'https://a.example/login?next=1', hasPasswordField: false })).toEqual({
      reason: 'redirected-to-login',
      url: 'https://a.example/login?next=1',
    });
    expect(detectLoginWall({ requestedUrl: 'https://a.example/order/1', finalUrl: 'https://a.example/order/1', hasPasswordField: true })?.reason).toBe('password-field');
    expect(detectLoginWall({ requestedUrl: 'https://a.example/order/1', finalUrl: 'https://a.example/order/1', hasPasswordField: false })).toBeUndefined();
  });

  it('does not call it a wall when the user asked for the login page itself and it has no password field', () => {
    expect(detectLoginWall({ requestedUrl: 'https://a.example/login', finalUrl: 'https://a.example/login?x=1', hasPasswordField: false })).toBeUndefined();
  });
});

describe('cookie files', () => {
  it('reads Netscape cookies.txt with http-only lines and subdomain flags', () => {
    const text = [
      '# Netscape HTTP Cookie File',
      '.km.example.com\tTRUE\t/\tTRUE\t1893456000\tsid\tabc\tdef',
      '#HttpOnly_km.example.com\tFALSE\t/member\tFALSE\t0\ttoken\txyz',
      '',
      'broken line',
    ].join('\n');
    expect(parseNetscapeCookies(text)).toEqual([
      { name: 'sid', value: 'abc\tdef', domain: '.km.example.com', path: '/', secure: true, httpOnly: false, expires: 1893456000 },
      { name: 'token', value: 'xyz', domain: 'km.example.com', path: '/member', secure: false, httpOnly: true },
    ]);
  });

  it('reads the JSON of cookie extensions (array or {cookies})', () => {
    const exported = [
      { domain: '.km.example.com', hostOnly: false, name: 'sid', value: 'abc', path: '/', secure: true, httpOnly: true, sameSite: 'no_restriction', session: false, expirationDate: 1893456000.5 },
      { domain: 'km.example.com', hostOnly: true, name: 'lang', value: 'zh', session: true, sameSite: 'unspecified' },
      { name: '', value: 'skipped', domain: 'x' },
    ];
    expect(parseJsonCookies(exported)).toEqual([
      { name: 'sid', value: 'abc', domain: '.km.example.com', path: '/', secure: true, httpOnly: true, expires: 1893456000.5, sameSite: 'None' },
      { name: 'lang', value: 'zh', domain: 'km.example.com', path: '/', secure: false, httpOnly: false },
    ]);
    expect(parseCookieFile(JSON.stringify({ cookies: exported }), 'c.json')).toHaveLength(2);
  });

  it('refuses files with no cookies or broken JSON, as input errors', () => {
    expect(() => parseCookieFile('# only a comment\n', 'c.txt')).toThrow(InputError);
    expect(() => parseCookieFile('[{"name":', 'c.json')).toThrow(InputError);
    expect(() => parseCookieFile('{"nothing":1}', 'c.json')).toThrow(InputError);
  });
});

describe('browser discovery', () => {
  it('knows the usual places on each platform', () => {
    expect(browserCandidates('linux', { PATH: '/usr/local/bin:/usr/bin' })).toEqual(expect.arrayContaining(['/usr/local/bin/google-chrome', '/usr/bin/chromium', '/opt/google/chrome/chrome', '/snap/bin/chromium']));
    expect(browserCandidates('darwin', { HOME: '/Users/li' })).toEqual(
      expect.arrayContaining(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Users/li/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge']),
    );
    expect(browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' })).toEqual(
      expect.arrayContaining(['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Users\\li\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe']),
    );
  });

  it('prefers --browser, then WEIQUAN_BROWSER, then the setting, then discovery', async () => {
    const all = async () => true;
    expect(await findBrowser({ flag: '/x/flag', env: { WEIQUAN_BROWSER: '/x/env' }, setting: '/x/set', exists: all })).toEqual({ executablePath: path.resolve('/x/flag'), source: 'flag' });
    expect(await findBrowser({ env: { WEIQUAN_BROWSER: '/x/env' }, setting: '/x/set', exists: all })).toEqual({ executablePath: path.resolve('/x/env'), source: 'env' });
    expect(await findBrowser({ env: {}, setting: '/x/set', exists: all })).toEqual({ executablePath: path.resolve('/x/set'), source: 'setting' });
    const found = await findBrowser({ env: { PATH: '/opt/bin' }, platform: 'linux', exists: async (file) => file === '/usr/bin/chromium' });
    expect(found).toEqual({ executablePath: '/usr/bin/chromium', source: 'discovered' });
  });

  it('fails with an environment error (exit 3) when nothing is there or an explicit path is wrong', async () => {
    const none = async () => false;
    await expect(findBrowser({ env: { PATH: '/nowhere' }, platform: 'linux', exists: none })).rejects.toMatchObject({ key: 'capture.noBrowser', exitCode: 3 });
    await expect(findBrowser({ env: { WEIQUAN_BROWSER: '/no/such/chrome' }, exists: none })).rejects.toBeInstanceOf(EnvironmentError);
    await expect(findBrowser({ env: { WEIQUAN_BROWSER: '/no/such/chrome' }, exists: none })).rejects.toMatchObject({ key: 'capture.browser.missing.env' });
  });

  it('adds --no-sandbox only when running as root', () => {
    expect(browserArgs({ headless: true, runningAsRoot: true })).toContain('--no-sandbox');
    expect(browserArgs({ headless: true, runningAsRoot: false })).not.toContain('--no-sandbox');
  });
});

describe('small capture helpers', () => {
  it('reads PNG dimensions from the header', () => {
    const header = Buffer.alloc(24);
    header.writeUInt32BE(0x49484452, 12);
    header.writeUInt32BE(1280, 16);
    header.writeUInt32BE(6200, 20);
    expect(pngSize(header)).toEqual({ width: 1280, height: 6200 });
    expect(pngSize(Buffer.from('not a png'))).toEqual({ width: 0, height: 0 });
  });

  it('shortens caption lines that would not fit, counting CJK as double width', () => {
    const long = `网址：https://km.example.com/${'a'.repeat(300)}`;
    const fitted = fitLine(long, 480);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted.length).toBeLessThan(long.length);
    expect(fitLine('short line', 1280)).toBe('short line');
  });
});
