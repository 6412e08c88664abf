/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot send a
 * freshly signed-in user elsewhere (open redirect).
 */
export function safeCallbackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  // "//evil.example" and "/\evil.example" are protocol-relative URLs in browsers.
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.startsWith('/sign-in') || value.startsWith('/api/auth')) return fallback;
  return value;
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

export function signInErrorMessage(code: unknown): string | null {
  if (typeof code !== 'string' || code === '') return null;
  return SIGN_IN_ERRORS[code] ?? 'Sign-in failed. Try again.';
}
