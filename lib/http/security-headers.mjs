// The headers every response carries (next.config.js `headers()`); plain JavaScript because
// next.config.js imports it. Typed by security-headers.d.mts.

/**
 * The content security policy. Next.js inlines the scripts that boot each page and React Flow
 * and Recharts set inline styles, so scripts and styles allow 'unsafe-inline' (nonces would
 * force every page to render per request); everything else is this origin only, and no
 * other site may frame a page (clickjacking).
 * @param {{ development: boolean }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ development }) {
  const directives = {
    'default-src': ["'self'"],
    // React's development build evaluates code for its error overlay and call stacks.
    'script-src': ["'self'", "'unsafe-inline'", ...(development ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(development ? ['ws:', 'wss:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Two years, the usual preload value. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Rules in the shape of next.config.js `headers()`. HSTS is sent only when the request came
 * over HTTPS, which for a Next.js server means a TLS-terminating proxy in front saying so with
 * X-Forwarded-Proto (browsers ignore HSTS over plain HTTP anyway).
 * @param {{ development: boolean }} options
 */
export function securityHeaderRules({ development }) {
  return [
    {
      source: '/:path*',
      headers: [
        { key: 'Content-Security-Policy', value: contentSecurityPolicy({ development }) },
        { key: 'X-Content-Type-Options', value: 'nosniff' },
        { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        { key: 'X-Frame-Options', value: 'DENY' },
        { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
        { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
      ],
    },
    {
      source: '/:path*',
      has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
      headers: [{ key: 'Strict-Transport-Security', value: HSTS }],
    },
  ];
}
