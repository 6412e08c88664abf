import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { configFrom, parseConfig, VARIABLES } from './index';
import { renderConfigTable, renderTestVariablesTable, withConfigTables } from './table';
import { TEST_VARIABLES } from './test-variables';

function failureOf(env: Record<string, string>): { message: string; fields: string[] } {
  try {
    parseConfig(env);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'VALIDATION') throw error;
    return { message: error.message, fields: Object.keys(error.fieldErrors ?? {}) };
  }
  throw new Error('expected the configuration to be refused');
}

describe('the configuration', () => {
  it('has a typed default for every variable left unset (or set empty)', () => {
    for (const config of [parseConfig({}), parseConfig({ CLONEDECK_IDLE_SECONDS: '', CLONEDECK_ENGINE: ' ' })]) {
      expect(config.CLONEDECK_IDLE_SECONDS).toBe(120);
      expect(config.CLONEDECK_ENGINE).toBe('embedded');
      expect(config.CLONEDECK_HOME).toBe('.clonedeck');
      expect(config.CLONEDECK_ENGINE_LISTEN).toEqual({ host: '127.0.0.1', port: 6432 });
      expect(config.CLONEDECK_TRUSTED_PROXIES).toEqual([]);
      expect(config.DATABASE_URL).toBeUndefined();
    }
  });

  it('parses the values it is given', () => {
    const config = parseConfig({
      CLONEDECK_IDLE_SECONDS: '30',
      CLONEDECK_ENGINE_LISTEN: '[::1]:7000',
      CLONEDECK_TRUSTED_PROXIES: '10.0.0.1, ::1,',
      DATABASE_URL: 'postgresql://meta@db/clonedeck',
    });
    expect(config.CLONEDECK_IDLE_SECONDS).toBe(30);
    expect(config.CLONEDECK_ENGINE_LISTEN).toEqual({ host: '::1', port: 7000 });
    expect(config.CLONEDECK_TRUSTED_PROXIES).toEqual(['10.0.0.1', '::1']);
    expect(config.DATABASE_URL).toBe('postgresql://meta@db/clonedeck');
  });

  it('refuses a typo instead of turning it into NaN, naming the variable and the value', () => {
    const failure = failureOf({ CLONEDECK_IDLE_SECONDS: '12O' });
    expect(failure.fields).toEqual(['CLONEDECK_IDLE_SECONDS']);
    expect(failure.message).toBe('Bad configuration: CLONEDECK_IDLE_SECONDS must be a whole number at least 1, got "12O".');
  });

  it('names every bad variable at once', () => {
    const failure = failureOf({
      CLONEDECK_BACKEND_WAIT_SECONDS: '0',
      CLONEDECK_ENGINE: 'oracle',
      DATABASE_URL: 'mysql://x/y',
      CLONEDECK_ENGINE_LISTEN: 'localhost',
      CLONEDECK_POSTGRES: 'yes',
    });
    expect(failure.fields.sort()).toEqual([
      'CLONEDECK_BACKEND_WAIT_SECONDS',
      'CLONEDECK_ENGINE',
      'CLONEDECK_ENGINE_LISTEN',
      'CLONEDECK_POSTGRES',
      'DATABASE_URL',
    ]);
    expect(failure.message).toContain('CLONEDECK_ENGINE must be one of embedded, postgres, matrixone, yugabyte, got "oracle".');
    expect(failure.message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  });

  it('parses an environment once, and again when one of its variables changes', () => {
    const env: Record<string, string> = { CLONEDECK_MAX_RUNNING: '3' };
    const first = configFrom(env);
    expect(configFrom(env)).toBe(first);
    env.CLONEDECK_MAX_RUNNING = '4';
    expect(configFrom(env).CLONEDECK_MAX_RUNNING).toBe(4);
  });
});

describe('the documented variables', () => {
  it('are the tables the README shows (run `npm run docs:config` after changing lib/config)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(withConfigTables(readme)).toBe(readme);
    expect(readme).toContain(renderConfigTable());
    expect(readme).toContain(renderTestVariablesTable());
  });

  it('include every variable the code reads by name', () => {
    const documented = new Set([...Object.keys(VARIABLES), ...Object.keys(TEST_VARIABLES)]);
    // Set by the tools themselves, or by our scripts for the tools they start (Prisma), not by an operator.
    const toolVariables = new Set([
      'NODE_ENV',
      'NEXT_RUNTIME',
      'NEXT_PHASE',
      'NEXT_TELEMETRY_DISABLED',
      'PRISMA_SCHEMA_ENGINE_BINARY',
      'CHECKPOINT_DISABLE',
    ]);
    const read = new Set<string>();
    for (const file of sourceFiles(['app', 'bin', 'lib', 'scripts', 'e2e', 'bench'])) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(match[1]!);
    }
    const undocumented = [...read].filter((name) => !documented.has(name) && !toolVariables.has(name));
    expect(undocumented).toEqual([]);
    expect(read.size).toBeGreaterThan(20);
  });
});

function sourceFiles(folders: string[]): string[] {
  return folders.flatMap((folder) =>
    fs
      .readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|tsx|mjs|js)$/.test(file) && !file.includes('generated'))
      .map((file) => path.join(folder, file)),
  );
}
