#!/usr/bin/env node
// The `clonedeck` command. Runs the bundle in dist/cli/ (scripts/build-cli.mjs makes it at install
// and before the tests): no TypeScript to compile, and each command's code loads only when that
// command runs. Without a bundle, or when a source file it was built from changed since, it runs
// the sources through tsx instead (bin/clonedeck-source.mjs): slow to start, never stale.
// `npm run build:cli` rebuilds the bundle.
import fs from 'node:fs';

// Stores, configs and anything else the CLI writes: owner-only (see lib/setup/private-home.ts).
process.umask(0o077);

const root = new URL('../', import.meta.url);
const bundle = new URL('dist/cli/main.mjs', root);

function bundleIsFresh() {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(new URL('dist/cli/inputs.json', root), 'utf8'));
    return inputs.every((input) => fs.statSync(new URL(input, root)).mtimeMs <= built);
  } catch {
    return false;
  }
}

const argv = process.argv.slice(2);
process.exitCode = bundleIsFresh()
  ? await (await import(bundle.href)).main(argv)
  : await (await import('./clonedeck-source.mjs')).runFromSource(argv);
