#!/usr/bin/env node
// Bundles the CLI (lib/cli/main.ts) into dist/cli/ so `npx clonedeck` starts without compiling
// TypeScript. Packages stay external (loaded from node_modules), and every command's code is its
// own chunk, loaded only when that command runs: `--help` loads main.mjs and nothing else.
// Runs at install (postinstall) and before the tests; nothing built is committed (dist/ is ignored).
// bin/clonedeck.mjs falls back to tsx when a source file is newer than the bundle (see inputs.json).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT_DIR = path.join(root, 'dist', 'cli');

/** Builds into a fresh folder and swaps it in, so a CLI started meanwhile never sees half a bundle. */
export async function buildCli({ outDir = CLI_OUT_DIR } = {}) {
  const staging = `${outDir}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'lib/cli/main.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  // The sources it was built from: the launcher compares their times with the bundle's.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/'));
  fs.writeFileSync(path.join(staging, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  try {
    fs.renameSync(staging, outDir);
  } catch (error) {
    // Another build (tests run in parallel) swapped its bundle in first: the same sources, so keep it.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { outDir, inputs: inputs.length, metafile: result.metafile };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { outDir, inputs } = await buildCli();
  console.log(`clonedeck CLI bundled from ${inputs} source files into ${path.relative(root, outDir)}/`);
}
