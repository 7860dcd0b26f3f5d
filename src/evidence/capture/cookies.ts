import { InputError } from '../../errors.js';

/** A cookie as the browser is given it (the fields CDP Network.setCookie takes). */
export type BrowserCookie = {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** seconds since the epoch; absent for a session cookie */
  expires?: number;
  sameSite?: 'Strict' | 'Lax' | 'None';
};

/**
 * Netscape cookies.txt (curl, wget, "Get cookies.txt" extensions): tab-separated
 * domain, include-subdomains, path, secure, expiry, name, value; "#HttpOnly_" prefixes http-only lines.
 */
export function parseNetscapeCookies(text: string): BrowserCookie[] {
  const cookies: BrowserCookie[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine;
    let httpOnly = false;
    if (line.startsWith('#HttpOnly_')) {
      httpOnly = true;
      line = line.slice('#HttpOnly_'.length);
    } else if (line.startsWith('#') || line.trim() === '') continue;
    const fields = line.split('\t');
    if (fields.length < 7) continue;
    const [domain, includeSubdomains, cookiePath, secure, expiry, name, ...valueParts] = fields as [string, string, string, string, string, string, ...string[]];
    if (!domain || !name) continue;
    const expires = Number(expiry);
    // a leading dot (or TRUE in the second column) means the cookie is sent to subdomains too
    const hostOnly = includeSubdomains.toUpperCase() !== 'TRUE';
    cookies.push({
      name,
      value: valueParts.join('\t'),
      domain: hostOnly ? domain.replace(/^\./, '') : domain.startsWith('.') ? domain : `.${domain}`,
      path: cookiePath || '/',
      secure: secure.toUpperCase() === 'TRUE',
      httpOnly,
      ...(Number.isFinite(expires) && expires > 0 ? { expires } : {}),
    });
  }
  return cookies;
}

type JsonCookie = {
  name?: unknown;
  value?: unknown;
  domain?: unknown;
  host?: unknown;
  path?: unknown;
  secure?: unknown;
  httpOnly?: unknown;
  hostOnly?: unknown;
  session?: unknown;
  expirationDate?: unknown;
  expires?: unknown;
  expiry?: unknown;
  sameSite?: unknown;
};

function sameSiteOf(value: unknown): BrowserCookie['sameSite'] {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase();
  if (v === 'strict') return 'Strict';
  if (v === 'lax') return 'Lax';
  if (v === 'none' || v === 'no_restriction') return 'None';
  return undefined; // "unspecified": let the browser decide
}

/**
 * The JSON that cookie extensions export (EditThisCookie, Cookie-Editor, Puppeteer/Playwright dumps):
 * an array of cookies, or an object with a `cookies` array.
 */
export function parseJsonCookies(data: unknown): BrowserCookie[] {
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { cookies?: unknown }).cookies) ? (data as { cookies: unknown[] }).cookies : undefined;
  if (!list) throw new InputError('capture.cookies.unreadable', { file: '', reason: 'JSON is not a list of cookies' });
  const cookies: BrowserCookie[] = [];
  for (const entry of list as JsonCookie[]) {
    if (!entry || typeof entry !== 'object') continue;
    const domain = typeof entry.domain === 'string' ? entry.domain : typeof entry.host === 'string' ? entry.host : undefined;
    if (typeof entry.name !== 'string' || entry.name === '' || !domain) continue;
    const expiry = [entry.expirationDate, entry.expires, entry.expiry].find((v) => typeof v === 'number' && v > 0) as number | undefined;
    const sameSite = sameSiteOf(entry.sameSite);
    cookies.push({
      name: entry.name,
      value: typeof entry.value === 'string' ? entry.value : String(entry.value ?? ''),
      domain: entry.hostOnly === true ? domain.replace(/^\./, '') : domain,
      path: typeof entry.path === 'string' && entry.path !== '' ? entry.path : '/',
      secure: entry.secure === true,
      httpOnly: entry.httpOnly === true,
      ...(expiry !== undefined && entry.session !== true ? { expires: expiry } : {}),
      ...(sameSite ? { sameSite } : {}),
    });
  }
  return cookies;
}

/** Read a cookie export of either kind; the format is told from the content. */
export function parseCookieFile(text: string, file: string): BrowserCookie[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let cookies: BrowserCookie[];
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (error) {
      throw new InputError('capture.cookies.unreadable', { file, reason: (error as Error).message });
    }
    try {
      cookies = parseJsonCookies(data);
    } catch (error) {
      if (error instanceof InputError) throw new InputError('capture.cookies.unreadable', { file, reason: String(error.params.reason) });
      throw error;
    }
  } else {
    cookies = parseNetscapeCookies(trimmed);
  }
  if (cookies.length === 0) throw new InputError('capture.cookies.none', { file }, 'capture.cookies.hint');
  return cookies;
}
