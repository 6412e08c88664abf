import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAuthSecret } from '@/lib/auth/secret';
import { createTempDir, type TempDir } from '@/lib/db/test-support';
import { createMetadataStore } from '@/lib/db/store';
import { openEmbeddedEngine } from '@/lib/engines/embedded';
import { restrictProcessUmask } from '@/lib/home';
import { runFirstStart } from './first-start';
import { secureClonedeckHome } from './private-home';

/** Every folder and file under `dir` whose mode lets another account read, write or enter it. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if (stat.isSymbolicLink() || (!stat.isFile() && !stat.isDirectory())) return;
    if ((stat.mode & 0o077) !== 0) found.push(`${path.relative(dir, entry) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dir);
  return found;
}

/** As root, the real attack: another local account (nobody) tries to read the file. */
function readableByNobody(file: string): boolean | null {
  if (process.getuid?.() !== 0) return null;
  const result = spawnSync('runuser', ['-u', 'nobody', '--', 'cat', file], { encoding: 'utf8' });
  if (result.error) return null;
  return result.status === 0;
}

let temp: TempDir;
let previousUmask: number;
beforeEach(async () => {
  temp = await createTempDir('clonedeck-home-');
  fs.chmodSync(temp.path, 0o755);
  previousUmask = process.umask();
});
afterEach(async () => {
  process.umask(previousUmask);
  await temp.remove();
});

describe('the home folder', () => {
  it('holds nothing another local account can open after a first start', async () => {
    process.umask(0o022);
    const env = { CLONEDECK_HOME: path.join(temp.path, 'home') };
    restrictProcessUmask();
    secureClonedeckHome(env, () => {});
    const store = createMetadataStore({ kind: 'pglite', dataDir: path.join(env.CLONEDECK_HOME, 'meta') });
    await store.migrate();
    await runFirstStart(store.prisma, { CLONEDECK_DEMO_PASSWORD: 'correct horse battery' }, () => {});
    const engine = await openEmbeddedEngine({ dataDir: path.join(env.CLONEDECK_HOME, 'engine'), idleMs: 60_000 });
    await engine.createDatabase('shop', { initialSql: 'CREATE TABLE t (secret text); INSERT INTO t VALUES (1)' });
    await engine.createSnapshot('shop_s1', { level: 'database', database: 'shop' });
    getAuthSecret({ CLONEDECK_HOME: env.CLONEDECK_HOME });
    await engine.close();
    await store.close();

    expect(openToOthers(env.CLONEDECK_HOME)).toEqual([]);
    expect(fs.statSync(env.CLONEDECK_HOME).mode & 0o777).toBe(0o700);
    expect(readableByNobody(path.join(env.CLONEDECK_HOME, 'secret'))).not.toBe(true);
  });

  it('narrows an existing home that others could read, warning once, changing no content', () => {
    const home = path.join(temp.path, 'home');
    fs.mkdirSync(path.join(home, 'meta', 'pg_wal'), { recursive: true, mode: 0o755 });
    fs.chmodSync(home, 0o755);
    fs.chmodSync(path.join(home, 'meta'), 0o777);
    fs.writeFileSync(path.join(home, 'meta', 'pg_wal', '000000010000000000000001'), 'password hashes', { mode: 0o666 });
    fs.chmodSync(path.join(home, 'meta', 'pg_wal', '000000010000000000000001'), 0o666);
    fs.writeFileSync(path.join(home, 'secret'), 'session secret\n', { mode: 0o644 });
    fs.chmodSync(path.join(home, 'secret'), 0o644);
    fs.symlinkSync('/etc/hostname', path.join(home, 'link'));
    expect(readableByNobody(path.join(home, 'secret'))).not.toBe(false);

    const warnings: string[] = [];
    const [report] = secureClonedeckHome({ CLONEDECK_HOME: home }, (line) => warnings.push(line));

    expect(report!.narrowed.sort()).toEqual(['.', 'meta', 'meta/pg_wal', 'meta/pg_wal/000000010000000000000001', 'secret']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/WARNING: .*home was open to other local accounts: 5 folders and files/);
    expect(openToOthers(home)).toEqual([]);
    expect(fs.statSync(path.join(home, 'secret')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(home, 'secret'), 'utf8')).toBe('session secret\n');
    expect(fs.lstatSync(path.join(home, 'link')).isSymbolicLink()).toBe(true);
    expect(fs.statSync('/etc/hostname').mode & 0o044).not.toBe(0);
    expect(readableByNobody(path.join(home, 'secret'))).not.toBe(true);

    const again: string[] = [];
    secureClonedeckHome({ CLONEDECK_HOME: home }, (line) => again.push(line));
    expect(again).toEqual([]);
  });

  it('keeps a store outside the home private too', () => {
    const home = path.join(temp.path, 'home');
    const data = path.join(temp.path, 'store');
    fs.mkdirSync(data, { mode: 0o755 });
    fs.chmodSync(data, 0o755);
    const reports = secureClonedeckHome({ CLONEDECK_HOME: home, CLONEDECK_DATA_DIR: data }, () => {});
    expect(reports.map((report) => report.dir)).toEqual([home, data]);
    expect(fs.statSync(data).mode & 0o777).toBe(0o700);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
  });
});
