import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { metadataStoreConfigFromEnv } from './config';
import { closeMetadataStore, getPrisma, openMetadataStore } from './prisma';
import { createMetadataStore } from './store';
import { createTempDir, createThrowawayPostgres } from './test-support';

const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, CLONEDECK_HOME: process.env.CLONEDECK_HOME };

afterEach(async () => {
  await closeMetadataStore();
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('openMetadataStore', () => {
  it('without DATABASE_URL, keeps an embedded database in CLONEDECK_HOME/meta', async () => {
    const home = await createTempDir();
    try {
      delete process.env.DATABASE_URL;
      process.env.CLONEDECK_HOME = home.path;
      const prisma = await openMetadataStore();
      await prisma.team.create({ data: { name: 'qa', displayName: 'QA' } });
      expect(fs.existsSync(path.join(home.path, 'meta', 'PG_VERSION'))).toBe(true);
      expect(await openMetadataStore()).toBe(prisma);
      expect(getPrisma()).toBe(prisma);
      // The directory has one owner: a second store on it is refused.
      expect(() => createMetadataStore({ kind: 'pglite', dataDir: path.join(home.path, 'meta') })).toThrow(/already open/);

      await closeMetadataStore();
      const reopened = await openMetadataStore();
      expect(reopened).not.toBe(prisma);
      expect((await reopened.team.findMany()).map((team) => team.name)).toEqual(['qa']);
    } finally {
      await closeMetadataStore();
      await home.remove();
    }
  });

  it('with DATABASE_URL, migrates and uses that PostgreSQL database', async () => {
    const database = await createThrowawayPostgres();
    try {
      process.env.DATABASE_URL = database.url;
      const prisma = await openMetadataStore();
      await prisma.user.create({ data: { email: 'admin@example.test', name: 'Admin', isAdmin: true } });
      expect(await prisma.user.count({ where: { isAdmin: true } })).toBe(1);
    } finally {
      await closeMetadataStore();
      await database.drop();
    }
  });

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => metadataStoreConfigFromEnv({ DATABASE_URL: 'mysql://root@localhost/meta' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
