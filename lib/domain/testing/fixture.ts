import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMetadataStore } from '@/lib/db/store';
import { type EmbeddedEngine, openEmbeddedEngine } from '@/lib/engines/embedded';
import type { Engine } from '@/lib/engines/types';
import type { Environment, PrismaClient, Team } from '@/lib/generated/prisma/client';
import { runFirstStart } from '@/lib/setup/first-start';
import { type Actor, userActor } from '../actor';
import { BackgroundJobs, type DomainContext, type EngineLookup } from '../context';

/** A small production database in the tutorials' shape: 5 products, 1 000 behaviour rows. */
export const SMALL_PRODUCTION_SQL = `
CREATE TABLE products (id bigserial PRIMARY KEY, name varchar(200), price int, stock int);
INSERT INTO products (name, price, stock) VALUES
  ('Gaming Laptop', 1500, 20), ('Wireless Mouse', 30, 150), ('Mechanical Keyboard', 120, 80),
  ('4K Monitor', 400, 35), ('USB-C Hub', 50, 200);
CREATE TABLE user_behavior (id bigserial PRIMARY KEY, user_id bigint, product_id bigint, action varchar(50), price double precision);
INSERT INTO user_behavior (user_id, product_id, action, price)
  SELECT g % 100 + 1, g % 50 + 1, (ARRAY['view','click','add_to_cart','purchase','review'])[g % 5 + 1], 10 + (g % 500) * 1.5
  FROM generate_series(0, 999) AS g;`;

export type DemoActor = 'admin' | 'leadDs' | 'leadQa' | 'qa' | 'leadDev';
const EMAILS: Record<DemoActor, string> = {
  admin: 'admin@clonedeck.local',
  leadDs: 'lead.ds@clonedeck.local',
  leadQa: 'lead.qa@clonedeck.local',
  qa: 'qa@clonedeck.local',
  leadDev: 'lead.dev@clonedeck.local',
};

export interface DomainFixture<E extends Engine = EmbeddedEngine> {
  context: DomainContext;
  prisma: PrismaClient;
  engine: E;
  /** The engine's store folder (tests that break the store on purpose). */
  engineDir: string;
  actors: Record<DemoActor, Actor>;
  teams: Record<'data-science' | 'qa' | 'dev', Team>;
  production: Environment;
  /** Rows of a table, through the engine (bypassing permissions). */
  count(database: string, table: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A real metadata store (PGlite in a temp dir), a real embedded engine (temp dir), the demo
 * organisation and a small production database: what domain tests run against.
 */
export function createDomainFixture(): Promise<DomainFixture>;
/** The same on another engine, opened by `openEngine` on the store folder it is given. */
export function createDomainFixture<E extends Engine>(options: { openEngine: (dir: string) => Promise<E> }): Promise<DomainFixture<E>>;
export async function createDomainFixture(options: { openEngine?: (dir: string) => Promise<Engine> } = {}): Promise<DomainFixture<Engine>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-domain-'));
  const store = createMetadataStore({ kind: 'pglite', dataDir: path.join(root, 'meta') });
  await store.migrate();
  const prisma = store.prisma;
  const engineDir = path.join(root, 'engine');
  const engine = options.openEngine
    ? await options.openEngine(engineDir)
    : await openEmbeddedEngine({ dataDir: engineDir, idleMs: 60_000 });
  await runFirstStart(prisma, { CLONEDECK_DEMO_PASSWORD: 'correct horse battery' }, () => {});
  await prisma.engine.create({ data: { id: engine.kind, kind: engine.kind, label: engine.label } });
  const engines: EngineLookup = { defaultId: engine.kind, ids: () => [engine.kind], get: async () => engine };
  const serverSecret = crypto.randomBytes(32).toString('base64url');
  const context: DomainContext = { prisma, engines, now: () => new Date(), jobs: new BackgroundJobs(), serverSecret: () => serverSecret };
  const users = await prisma.user.findMany();
  const actors = Object.fromEntries(
    Object.entries(EMAILS).map(([key, email]) => [key, userActor(users.find((user) => user.email === email)!)]),
  ) as Record<DemoActor, Actor>;
  const teamRows = await prisma.team.findMany();
  const teams = Object.fromEntries(teamRows.map((team) => [team.name, team])) as DomainFixture['teams'];
  await engine.createDatabase('production', { initialSql: SMALL_PRODUCTION_SQL });
  const production = await prisma.environment.create({
    data: {
      name: 'production',
      engineId: engine.kind,
      purpose: 'Production',
      createdById: users.find((user) => user.isAdmin)!.id,
      isProduction: true,
      isProtected: true,
      status: 'ready',
    },
  });
  const count = async (database: string, table: string) =>
    Number((await engine.query(database, `SELECT count(*) FROM ${table}`, { readOnly: true })).rows[0]?.[0]);
  const close = async () => {
    await context.jobs.idle();
    await engine.close();
    await store.close();
    fs.rmSync(root, { recursive: true, force: true });
  };
  return { context, prisma, engine, engineDir, actors, teams, production, count, close };
}
