/**
 * Around every step of a page capture: a crashed page, Ctrl-C and the overall time limit end it, and whatever
 * failed is said in the user's words (timeout, unreachable host, navigation failure, crash).
 */
import type { Page } from 'puppeteer-core';
import { EnvironmentError, UsageError } from '../../errors.js';

const UNREACHABLE = /ERR_(NAME_NOT_RESOLVED|CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_TIMED_OUT|ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED|NAME_RESOLUTION_FAILED|NETWORK_CHANGED|EMPTY_RESPONSE|SSL_PROTOCOL_ERROR|CERT_[A-Z_]+)/;

function crashWatch(page: Page): { crashed: Promise<never>; stop: () => void } {
  let onError: (error: Error) => void = () => undefined;
  const crashed = new Promise<never>((_, reject) => {
    onError = (error: Error) => reject(new EnvironmentError('capture.crashed', { url: page.url(), message: error.message }));
  });
  crashed.catch(() => undefined);
  page.on('error', onError);
  return { crashed, stop: () => page.off('error', onError) };
}

function abortable(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

function translateNavigationError(error: unknown, url: string, timeoutMs: number): Error {
  if (error instanceof EnvironmentError || error instanceof UsageError) return error;
  const err = error as Error;
  const message = err?.message ?? String(error);
  if (err?.name === 'TimeoutError' || /timeout/i.test(message)) {
    return new EnvironmentError('capture.timeout', { url, seconds: Math.round(timeoutMs / 1000) }, 'capture.hint.timeout');
  }
  const net = /net::(ERR_[A-Z_]+)/.exec(message);
  if (net && UNREACHABLE.test(net[1]!)) return new EnvironmentError('capture.unreachable', { url, reason: net[1]! }, 'capture.hint.unreachable');
  if (net) return new EnvironmentError('capture.navigationFailed', { url, reason: net[1]! });
  if (/crash|Target closed|detached|Session closed/i.test(message)) return new EnvironmentError('capture.crashed', { url, message });
  return new EnvironmentError('capture.navigationFailed', { url, reason: message.split('\n')[0] ?? message });
}

export async function guarded<T>(page: Page, options: { timeoutMs: number; signal?: AbortSignal }, url: string, work: () => Promise<T>): Promise<T> {
  const watch = crashWatch(page);
  let timer: NodeJS.Timeout | undefined;
  // the whole capture gets the navigation budget plus room for scrolling, screenshot and snapshot
  const overall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EnvironmentError('capture.timeout', { url, seconds: Math.round(options.timeoutMs / 1000) }, 'capture.hint.timeout')), options.timeoutMs + 30_000);
  });
  try {
    return await Promise.race([work(), watch.crashed, abortable(options.signal), overall]);
  } catch (error) {
    throw translateNavigationError(error, url, options.timeoutMs);
  } finally {
    clearTimeout(timer);
    watch.stop();
  }
}

