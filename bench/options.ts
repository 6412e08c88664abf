export interface BenchOptions {
  sizes: Array<{ label: string; bytes: number }>;
  json: boolean;
}

const UNITS: Record<string, number> = { mb: 2 ** 20, mib: 2 ** 20, gb: 2 ** 30, gib: 2 ** 30 };

/** "100MB" → 100 MiB: sizes are binary, as Postgres reports them. */
export function parseSize(text: string): { label: string; bytes: number } {
  const match = /^(\d+(?:\.\d+)?)\s*(mb|mib|gb|gib)$/i.exec(text.trim());
  if (!match) throw new Error(`Unknown size "${text}": use e.g. 100MB or 1GB.`);
  return { label: text.trim(), bytes: Math.round(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!) };
}

export function parseOptions(argv: string[]): BenchOptions {
  let sizes = '100MB,1GB';
  let json = false;
  for (let at = 0; at < argv.length; at++) {
    const argument = argv[at]!;
    if (argument === '--json') json = true;
    else if (argument === '--sizes') sizes = argv[++at] ?? '';
    else if (argument.startsWith('--sizes=')) sizes = argument.slice('--sizes='.length);
    else throw new Error(`Unknown argument "${argument}". Usage: npm run bench -- [--sizes 100MB,1GB] [--json]`);
  }
  return { sizes: sizes.split(',').filter(Boolean).map(parseSize), json };
}
