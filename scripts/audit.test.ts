import { describe, expect, it } from 'vitest';
import { classifyAuditResult } from './audit.mjs';

const report = (high: number, critical: number) =>
  JSON.stringify({ metadata: { vulnerabilities: { info: 0, low: 2, moderate: 1, high, critical, total: 3 + high + critical } } });

describe('the CI audit step', () => {
  it('fails on high or critical findings, whatever the exit code', () => {
    expect(classifyAuditResult(1, report(1, 0)).verdict).toBe('fail');
    expect(classifyAuditResult(0, report(0, 2)).verdict).toBe('fail');
  });

  it('passes with only lower findings', () => {
    expect(classifyAuditResult(0, report(0, 0))).toEqual({ verdict: 'pass', reason: 'no high or critical vulnerabilities (3 lower)' });
  });

  it('tolerates only an unreachable audit endpoint', () => {
    const mirror = JSON.stringify({
      message: '405 Method Not Allowed',
      uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '' },
    });
    expect(classifyAuditResult(1, mirror).verdict).toBe('unreachable');
    expect(
      classifyAuditResult(1, JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND registry.npmjs.org' } })).verdict,
    ).toBe('unreachable');
    expect(classifyAuditResult(1, JSON.stringify({ error: { code: 'ENOLOCK', summary: 'no lock file' } })).verdict).toBe('fail');
    expect(classifyAuditResult(1, 'not json').verdict).toBe('fail');
  });
});
