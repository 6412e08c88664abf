import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThrowawayPostgres } from '@/lib/db/test-support';
import { createMetadataStore, type MetadataStore } from '@/lib/db/store';
import { type EmbeddedEngine, openEmbeddedEngine } from '@/lib/engines/embedded';
import type { Engine } from '@/lib/engines/types';
import type { PrismaClient, Team, User } from '@/lib/generated/prisma/client';
import { runFirstStart } from '@/lib/setup/first-start';
import { BackgroundJobs, type DomainContext, type EngineLookup } from '../context';

/** A clock tests move by hand; both replicas read it. */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export interface ReplicaPair {
  /** Two control-plane replicas: separate Prisma clients (own connection pools) on one PostgreSQL database. */
  replicas: [DomainContext, DomainContext];
  prisma: PrismaClient;
  engine: EmbeddedEngine;
  clock: TestClock;
  teams: Record<'data-science' | 'qa' | 'dev', Team>;
  users: Record<'admin' | 'leadQa' | 'qa' | 'leadDev', User>;
  close(): Promise<void>;
}

/**
 * What the multi-replica tests run against: a throwaway database on the local PostgreSQL
 * server with the demo organisation, one real embedded engine, and two domain contexts
 * that share both — as two dashboard replicas would.
 */
export async function createReplicaPair(): Promise<ReplicaPair> {
  const database = await createThrowawayPostgres();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-replicas-'));
  const stores: MetadataStore[] = [];
  let engine: EmbeddedEngine | undefined;
  const close = async () => {
    await engine?.close();
    for (const store of stores) await store.close();
    await database.drop();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    stores.push(createMetadataStore({ kind: 'postgres', url: database.url }), createMetadataStore({ kind: 'postgres', url: database.url }));
    const prisma = stores[0]!.prisma;
    await stores[0]!.migrate();
    await runFirstStart(prisma, { CLONEDECK_DEMO_PASSWORD: 'correct horse battery' }, () => {});
    engine = await openEmbeddedEngine({ dataDir: path.join(root, 'engine'), idleMs: 60_000 });
    await prisma.engine.create({ data: { id: 'embedded', kind: 'embedded', label: engine.label } });
    const shared = engine;
    const engines: EngineLookup = { defaultId: 'embedded', ids: () => ['embedded'], get: async () => shared as Engine };
    let offsetMs = 0;
    const clock: TestClock = { now: () => new Date(Date.now() + offsetMs), advance: (ms) => void (offsetMs += ms) };
    // One server secret for both, as replicas share NEXTAUTH_SECRET.
    const serverSecret = crypto.randomBytes(32).toString('base64url');
    const replica = (store: MetadataStore): DomainContext => ({
      prisma: store.prisma,
      engines,
      now: clock.now,
      jobs: new BackgroundJobs(),
      serverSecret: () => serverSecret,
    });
    const teams = Object.fromEntries((await prisma.team.findMany()).map((team) => [team.name, team])) as ReplicaPair['teams'];
    const byEmail = new Map((await prisma.user.findMany()).map((user) => [user.email, user]));
    const users = {
      admin: byEmail.get('admin@clonedeck.local')!,
      leadQa: byEmail.get('lead.qa@clonedeck.local')!,
      qa: byEmail.get('qa@clonedeck.local')!,
      leadDev: byEmail.get('lead.dev@clonedeck.local')!,
    };
    return { replicas: [replica(stores[0]!), replica(stores[1]!)], prisma, engine, clock, teams, users, close };
  } catch (error) {
    await close();
    throw error;
  }
}
