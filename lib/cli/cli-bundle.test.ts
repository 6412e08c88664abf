import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.mjs';

/**
 * The bundle `npx clonedeck` runs (scripts/build-cli.mjs): what `--help` loads before any
 * command is chosen must stay small — no engine, no database driver, no Prisma.
 */
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-cli-bundle-'));
let metafile: Metafile;
let outDir: string;
beforeAll(async () => {
  ({ metafile, outDir } = await buildCli({ outDir: path.join(temp, 'cli') }));
});
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** Source files and packages reached from the entry by static imports only (what loads at start). */
function loadedAtStart(entry: string): { sources: string[]; packages: string[] } {
  const outputs = metafile.outputs;
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of outputs[output]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  visit(entry);
  const sources = [...seen].flatMap((output) => Object.keys(outputs[output]?.inputs ?? {}));
  return { sources, packages: [...packages] };
}

describe('the CLI bundle', () => {
  it('loads only the dispatcher at start: commands, engines and drivers come later', () => {
    const entry = Object.keys(metafile.outputs).find((output) => output.endsWith('/main.mjs'));
    expect(entry).toBeDefined();
    const start = loadedAtStart(entry!);
    expect(start.sources).toContain('lib/cli/main.ts');
    expect(start.sources.filter((source) => /lib\/(engines|db|generated|domain)\/|lib\/cli\/(engine|api|sql)-/.test(source))).toEqual([]);
    expect(start.packages.filter((name) => !name.startsWith('node:'))).toEqual([]);
    // …while the whole bundle does hold them, behind dynamic imports.
    expect(Object.keys(metafile.inputs)).toContain('lib/engines/embedded/engine.ts');
  });

  it('answers --help from the built files', async () => {
    const mainFile = JSON.stringify(path.join(outDir, 'main.mjs'));
    const script = `process.exitCode = await (await import(${mainFile})).main(['--help'])`;
    const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    expect(run.stdout).toContain('Usage: clonedeck <command>');
  });
});
