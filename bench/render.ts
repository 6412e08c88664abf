import fs from 'node:fs';
import { renderReport } from './report';
import type { BenchReport } from './results';

/** Prints the table of a saved `npm run bench -- --json` document: `npx tsx bench/render.ts saved.json`. */
const file = process.argv[2];
if (!file) {
  console.error('Usage: npx tsx bench/render.ts <saved bench JSON>');
  process.exit(2);
}
process.stdout.write(renderReport(JSON.parse(fs.readFileSync(file, 'utf8')) as BenchReport));
