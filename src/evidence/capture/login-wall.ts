/** Why a captured page looks like a login page rather than the page the user wanted. */
export type LoginWall = { reason: 'redirected-to-login' | 'password-field'; url: string };

const LOGIN_WORDS = /(^|[/._\-?=&#])(login|log-in|logon|signin|sign-in|sign_in|passport|sso|auth|authenticate|oauth|cas|account\/login|user\/login|member\/login|denglu|登录|登陆)([/._\-?=&#]|$)/i;

/** A URL whose path, query or fragment names a login step (login, signin, passport, sso, 登录 …). */
export function isLoginLikeUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const hostLabel = url.hostname.split('.')[0] ?? '';
  const where = `${decodeURIComponent(url.pathname)}${decodeURIComponent(url.search)}${decodeURIComponent(url.hash)}`;
  return LOGIN_WORDS.test(where) || /^(login|passport|sso|auth|signin|account)$/i.test(hostLabel);
}

/**
 * A login wall: the navigation ended on a login-like URL the user did not ask for, or the captured page
 * shows a password field. Either way the capture is probably a login page, not the order.
 */
export function detectLoginWall(input: { requestedUrl?: string; finalUrl: string; hasPasswordField: boolean }): LoginWall | undefined {
  const requestedLooksLikeLogin = input.requestedUrl !== undefined && isLoginLikeUrl(input.requestedUrl);
  if (!requestedLooksLikeLogin && isLoginLikeUrl(input.finalUrl) && input.finalUrl !== input.requestedUrl) {
    return { reason: 'redirected-to-login', url: input.finalUrl };
  }
  if (input.hasPasswordField) return { reason: 'password-field', url: input.finalUrl };
  return undefined;
}
