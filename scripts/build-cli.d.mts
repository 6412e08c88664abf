import type { Metafile } from 'esbuild';

export const CLI_OUT_DIR: string;
export function buildCli(options?: { outDir?: string }): Promise<{ outDir: string; inputs: number; metafile: Metafile }>;
