import { describe, expect, it } from 'vitest';
import type { NextConfig } from 'next';
import { contentSecurityPolicy, securityHeaderRules } from './security-headers.mjs';

// next.config.js is plain JavaScript without declarations: loaded by path, typed here.
const CONFIG_PATH = '../../next.config.js';
const loadNextConfig = async () => ((await import(/* @vite-ignore */ CONFIG_PATH)) as { default: NextConfig }).default;

const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

describe('security headers', () => {
  it('forbid framing and plugins, and keep scripts, styles and connections to this origin', () => {
    const policy = contentSecurityPolicy({ development: false });
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
    expect(policy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ development: true })).toContain("'unsafe-eval'");
  });

  it('are what next.config.js serves on every path, with HSTS only behind HTTPS', async () => {
    const rules = await (await loadNextConfig()).headers!();
    expect(rules).toEqual(securityHeaderRules({ development: false }));
    const [always, https] = rules;
    const keys = always!.headers.map((header) => header.key);
    expect(keys).toEqual(
      expect.arrayContaining(['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy', 'X-Frame-Options']),
    );
    expect(keys).not.toContain('Strict-Transport-Security');
    expect(https!.has).toEqual([{ type: 'header', key: 'x-forwarded-proto', value: 'https' }]);
    expect(https!.headers.map((header) => header.key)).toEqual(['Strict-Transport-Security']);
  });
});
