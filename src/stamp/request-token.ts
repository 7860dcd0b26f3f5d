import { EnvironmentError } from '../errors.js';

/** A TSA's answer is a few kilobytes; anything far larger is not a time-stamp response. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** POST a time-stamp query (RFC 3161 over HTTP, section 3.4) and return the response body. */
export async function requestToken(url: string, query: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: query,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new EnvironmentError('stamp.unreachable', { tsa: url, reason }, 'stamp.hint.unreachable');
  }
  if (!response.ok) throw new EnvironmentError('stamp.httpError', { tsa: url, status: response.status }, 'stamp.hint.unreachable');
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength === 0 || body.byteLength > MAX_RESPONSE_BYTES) throw new EnvironmentError('stamp.badResponse', { tsa: url, reason: `${body.byteLength} bytes` }, 'stamp.hint.unreachable');
  return body;
}
