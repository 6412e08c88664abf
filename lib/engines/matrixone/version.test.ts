import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import {
  detectMatrixOneVersion,
  hasDataBranches,
  parseMatrixOneVersion,
  restoreGrammarFor,
  versionFromServerString,
  type ScalarQuery,
} from './version';

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** A server that answers the queries it knows, as a real one would. */
function server(answers: Record<string, string | null>): ScalarQuery & { asked: string[] } {
  const asked: string[] = [];
  const query = async (sql: string) => {
    asked.push(sql);
    if (!(sql in answers)) throw new AppError('UNSUPPORTED', `unknown function in ${sql}`);
    return answers[sql] ?? null;
  };
  return Object.assign(query, { asked });
}

describe('reading MatrixOne version() output', () => {
  it.each([
    ['8.0.30-MatrixOne-v3.0.4', 3, 0, 'from-snapshot'],
    ['8.0.30-MatrixOne-v3.0.4-hotfix-20251114', 3, 0, 'from-snapshot'],
    ['8.0.30-MatrixOne-v3.0', 3, 0, 'from-snapshot'],
    ['8.0.30-MatrixOne-v4.0.0-rc1', 4, 0, 'snapshot-hint'],
    ['8.0.30-MatrixOne-v4.2.0', 4, 2, 'snapshot-hint'],
  ] as const)('%s → %i.%i, %s restore grammar', (text, major, minor, grammar) => {
    const version = versionFromServerString(text);
    expect([version.major, version.minor, version.development]).toEqual([major, minor, false]);
    expect(restoreGrammarFor(version)).toBe(grammar);
  });

  it('treats a build without a release tag as a development build with the newest grammar', () => {
    // '8.0.30-MatrixOne-v' with git_version() '7c27538f5a' is what a server built from main answered.
    for (const text of ['8.0.30-MatrixOne-v', '8.0.30-MatrixOne-v1.3.0']) {
      const version = versionFromServerString(text, '7c27538f5a');
      expect(version.development).toBe(true);
      expect(version.label).toBe('development build (commit 7c27538f5a), treated as 4.2');
      expect(restoreGrammarFor(version)).toBe('snapshot-hint');
    }
  });

  it.each([
    ['10.11.19-MariaDB-0+deb12u1', 'MariaDB 10.11.19'],
    ['8.0.36', 'MySQL 8.0.36'],
    ['8.0.11-TiDB-v7.5.0', 'TiDB'],
  ])('recognises %s as not MatrixOne', (text, product) => {
    let error: unknown;
    try {
      versionFromServerString(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNSUPPORTED');
    expect((error as AppError).message).toContain(`${product}, not MatrixOne`);
  });

  it('parses versions as typed on a command line', () => {
    expect(parseMatrixOneVersion('3').label).toBe('3.0');
    expect(parseMatrixOneVersion('v4.1.2').label).toBe('4.1.2');
    expect(() => parseMatrixOneVersion('four')).toThrow(AppError);
  });
});

describe('detecting the version of a server', () => {
  it('asks version() and refuses MariaDB with a clear message', async () => {
    const error = await failureOf(detectMatrixOneVersion(server({ 'SELECT version()': '10.11.19-MariaDB-0+deb12u1' })));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/MariaDB 10\.11\.19, not MatrixOne/);
  });

  it('refuses MatrixOne before 3.0 (no CLONE)', async () => {
    const error = await failureOf(detectMatrixOneVersion(server({ 'SELECT version()': '8.0.30-MatrixOne-v2.2.0' })));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/2\.2\.0 has no CLONE/);
  });

  it('asks git_version() only for development builds, and survives its absence', async () => {
    const release = server({ 'SELECT version()': '8.0.30-MatrixOne-v3.0.4' });
    expect((await detectMatrixOneVersion(release)).label).toBe('3.0.4');
    expect(release.asked).toEqual(['SELECT version()']);

    const development = server({ 'SELECT version()': '8.0.30-MatrixOne-v', 'SELECT git_version()': 'abcdef1234567' });
    expect((await detectMatrixOneVersion(development)).label).toBe('development build (commit abcdef1234), treated as 4.2');

    const noGit = server({ 'SELECT version()': '8.0.30-MatrixOne-v' });
    expect((await detectMatrixOneVersion(noGit)).label).toBe('development build, treated as 4.2');
  });

  it('lets MATRIXONE_SERVER_VERSION override the release, but not the product', async () => {
    const changed = server({ 'SELECT version()': '8.0.30-MatrixOne-v0.7.0' });
    expect((await detectMatrixOneVersion(changed, '3.0.4')).label).toBe('3.0.4');
    const mariadb = server({ 'SELECT version()': '10.11.19-MariaDB' });
    expect((await failureOf(detectMatrixOneVersion(mariadb, '3.0.4'))).code).toBe('UNSUPPORTED');
  });
});

describe('data branches', () => {
  it('come with 3.0.9 (OUTPUT SUMMARY) and every 4.x, and with development builds', () => {
    expect(hasDataBranches(parseMatrixOneVersion('3.0.8'))).toBe(false);
    expect(hasDataBranches(parseMatrixOneVersion('3.0'))).toBe(false);
    expect(hasDataBranches(parseMatrixOneVersion('3.0.9'))).toBe(true);
    expect(hasDataBranches(parseMatrixOneVersion('4.0.0'))).toBe(true);
    expect(hasDataBranches(versionFromServerString('8.0.30-MatrixOne-v', '7c27538f5a'))).toBe(true);
  });
});
