export function classifyAuditResult(exitCode: number, stdout: string): { verdict: 'pass' | 'fail' | 'unreachable'; reason: string };
