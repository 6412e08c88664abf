import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { openEmbeddedEngine } from '../embedded';
import { openPostgresEngineWithTestDoor } from '../postgres/testing';
import { openEngine } from '../registry';
import type { EngineKind } from '../types';
import { defineEngineContract } from './contract-suite';

/**
 * Runs the engine contract suite: always against the embedded engine and the PostgreSQL
 * engine (stores in a temporary directory; the latter also on a reflink file system when one
 * is mounted), and against MatrixOne / YugabyteDB when MATRIXONE_URL /
 * YUGABYTE_URL name a server (an operator checking a real cluster).
 */
const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-contract-'));
afterAll(() => fs.rmSync(storeDir, { recursive: true, force: true }));

/** `npm run test:engine -- --engine matrixone` narrows the run to one engine. */
const wanted = process.env.CLONEDECK_CONTRACT_ENGINES?.split(',')
  .map((kind) => kind.trim())
  .filter(Boolean);
const selected = (kind: EngineKind) => !wanted || wanted.includes(kind);

if (selected('embedded')) {
  defineEngineContract('embedded', () => openEmbeddedEngine({ dataDir: path.join(storeDir, 'embedded'), idleMs: 60_000 }));
}

if (selected('postgres')) {
  // On the plain temporary folder: full copies unless that file system has reflinks
  // (the reflink run is in postgres/reflink.integration.test.ts). With a front door, as the
  // dashboard runs it: the credential scenarios log in through it.
  defineEngineContract('postgres', () => openPostgresEngineWithTestDoor(path.join(storeDir, 'postgres')));
  // On a file system with reflinks, which `npm test` mounts when it runs as root.
  const reflinkDir = process.env.CLONEDECK_TEST_REFLINK_DIR;
  if (reflinkDir) {
    const dataDir = fs.mkdtempSync(path.join(reflinkDir, 'contract-'));
    afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    defineEngineContract('postgres on reflinks', async () => {
      const engine = await openPostgresEngineWithTestDoor(dataDir);
      const { message } = await engine.health();
      if (!message?.includes('reflink copies')) throw new Error(`${reflinkDir} should have reflinks: ${message}`);
      return engine;
    });
  } else {
    console.log('engine contract: postgres on reflinks skipped: CLONEDECK_TEST_REFLINK_DIR is not set (npm test mounts one as root)');
  }
}

const SERVER_ENGINES: Array<{ kind: Exclude<EngineKind, 'embedded'>; variable: string }> = [
  { kind: 'matrixone', variable: 'MATRIXONE_URL' },
  { kind: 'yugabyte', variable: 'YUGABYTE_URL' },
];

for (const { kind, variable } of SERVER_ENGINES.filter(({ kind }) => selected(kind))) {
  const url = process.env[variable];
  const reason = url ? null : `${variable} is not set`;
  if (reason) {
    console.log(`engine contract: ${kind} skipped: ${reason}`);
    describe.skip(`engine contract: ${kind} (skipped: ${reason})`, () => {
      it('runs the contract scenarios', () => {});
    });
  } else {
    defineEngineContract(kind, () => openEngine({ id: kind, kind, url }));
  }
}
