import { describeWait } from './sign-in-throttle';

/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot send a
 * freshly signed-in user elsewhere (open redirect).
 *
 * Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example`
 * and `/\evil.example` both become `//evil.example`: another host. Anything holding a
 * control character, a backslash or `//` — raw or percent-encoded, since the value may be
 * decoded once more on its way to the browser — is refused outright rather than cleaned.
 */
const ORIGIN = 'http://clonedeck.invalid';

// Control characters (C0, DEL, C1) and backslashes, raw or as %XX escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused in callback URLs
const RAW_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\]/;
const ENCODED_FORBIDDEN = /%(?:[01][0-9a-f]|7f|8[0-9a-f]|9[0-9a-f]|5c)/i;
// A slash written as %2F counts as a slash for the `//` check.
const DOUBLE_SLASH = /(?:\/|%2f)(?:\/|%2f)/i;
const MAX_LENGTH = 2048;

export function safeCallbackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !value.startsWith('/')) return fallback;
  if (RAW_FORBIDDEN.test(value) || ENCODED_FORBIDDEN.test(value)) return fallback;
  if (DOUBLE_SLASH.test(value.split(/[?#]/, 1)[0]!)) return fallback;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  // Serialised by URL: other non-ASCII characters come back percent-encoded, fit for a Location header.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith('/sign-in') || path.startsWith('/api/auth')) return fallback;
  return path;
}

/** next-auth's error codes (the `error` query parameter) as messages for the sign-in page. */
const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  OAuthSignin: 'Could not start single sign-on. Try again, or ask an administrator to check the OIDC settings.',
  OAuthCallback: 'Single sign-on did not complete. Your identity provider must share a verified email address.',
  OAuthAccountNotLinked: 'This email is already linked to another sign-in method.',
  AccessDenied: 'You do not have access to Clonedeck.',
  SessionRequired: 'Sign in to continue.',
  Configuration: 'Sign-in is misconfigured on the server. The error has been logged.',
};

/** What the credentials provider reports when sign-in is throttled (`TooManyAttempts:<seconds>`) or overloaded. */
export const TOO_MANY_ATTEMPTS = 'TooManyAttempts';
export const SIGN_IN_BUSY = 'SignInBusy';

export function signInErrorMessage(code: unknown): string | null {
  if (typeof code !== 'string' || code === '') return null;
  const throttled = new RegExp(`^${TOO_MANY_ATTEMPTS}:(\\d{1,6})$`).exec(code);
  if (throttled) {
    return `Too many failed sign-ins for this account or from your network. Wait ${describeWait(Number(throttled[1]))}, then try again.`;
  }
  if (code === SIGN_IN_BUSY) return 'Too many sign-ins at once. Try again in a moment.';
  return SIGN_IN_ERRORS[code] ?? 'Sign-in failed. Try again.';
}
