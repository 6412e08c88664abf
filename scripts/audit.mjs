#!/usr/bin/env node
// CI: `npm audit` of the production dependencies must find no high or critical
// vulnerability. Tolerated, with a warning, is exactly one other outcome: the registry's
// audit endpoint cannot be reached (offline machines, registry mirrors without the audit
// API). Findings, or any other failure, fail the step.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
]);

/**
 * @param {number} exitCode  npm audit's exit code
 * @param {string} stdout    its --json output
 * @returns {{ verdict: 'pass' | 'fail' | 'unreachable', reason: string }}
 */
export function classifyAuditResult(exitCode, stdout) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { verdict: 'fail', reason: 'npm audit printed no JSON report' };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (counts && typeof counts === 'object') {
    const serious = (counts.high ?? 0) + (counts.critical ?? 0);
    if (serious > 0)
      return {
        verdict: 'fail',
        reason: `${counts.high ?? 0} high and ${counts.critical ?? 0} critical vulnerabilities in production dependencies`,
      };
    return { verdict: 'pass', reason: `no high or critical vulnerabilities (${counts.total ?? 0} lower)` };
  }
  if (exitCode === 0) return { verdict: 'pass', reason: 'npm audit passed' };
  // No report: did the audit endpoint fail to answer (an HTTP error from it, or no network)?
  const code = report?.code ?? report?.error?.code;
  const fromEndpoint = typeof report?.uri === 'string' && /\/-\/npm\/v1\/security\//.test(report.uri);
  if (fromEndpoint && typeof report.statusCode === 'number')
    return { verdict: 'unreachable', reason: `the audit endpoint answered HTTP ${report.statusCode} (${report.uri})` };
  if (typeof code === 'string' && NETWORK_CODES.has(code))
    return { verdict: 'unreachable', reason: `the audit endpoint could not be reached (${code})` };
  return { verdict: 'fail', reason: `npm audit failed: ${report?.error?.summary || report?.message || `exit code ${exitCode}`}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const { verdict, reason } = classifyAuditResult(run.status ?? 1, run.stdout ?? '');
  if (verdict === 'pass') console.log(`[audit] ${reason}`);
  if (verdict === 'unreachable')
    console.warn(`[audit] WARNING: not checked: ${reason}. Run \`npm audit --omit=dev\` where the registry's audit API is reachable.`);
  if (verdict === 'fail') {
    console.error(`[audit] ${reason}`);
    spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], { stdio: 'inherit' });
    process.exit(1);
  }
}
