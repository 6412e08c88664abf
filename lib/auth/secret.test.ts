import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDir, type TempDir } from '@/lib/db/test-support';
import { getAuthSecret, readOrCreateSecretFile } from './secret';

describe('session secret', () => {
  let temp: TempDir;
  beforeEach(async () => {
    temp = await createTempDir();
  });
  afterEach(() => temp.remove());

  it('prefers NEXTAUTH_SECRET from the environment', () => {
    expect(getAuthSecret({ NEXTAUTH_SECRET: 'from-env', CLONEDECK_HOME: temp.path })).toBe('from-env');
    expect(fs.existsSync(path.join(temp.path, 'secret'))).toBe(false);
  });

  it('generates a secret once and reads the same one after a restart', () => {
    const file = path.join(temp.path, 'home', 'secret');
    const first = readOrCreateSecretFile(file);
    expect(first.length).toBeGreaterThanOrEqual(43);
    expect(readOrCreateSecretFile(file)).toBe(first);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });
});
