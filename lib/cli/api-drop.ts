import type { z } from 'zod';
import { dropPreviewSchema } from '@/lib/api/schemas';
import { validation } from '@/lib/errors';
import { formatBytes } from '@/lib/format/bytes';
import type { ApiClient } from './api-client';
import { done } from './api-output';
import type { ParsedArgs } from './args';
import type { CliIO } from './io';

/** A drop's subject as the API names it: `/api/v1/environments/NAME` or `/api/v1/snapshots/NAME`. */
export interface DropTarget<Dropped extends { name: string; freedBytes: number | null }> {
  path: string;
  /** "qa_run" or "snapshot qa_run_s1": how messages name it. */
  label: string;
  schema: z.ZodType<Dropped>;
  /** What the result line adds after the bytes (clones still standing on a snapshot). */
  note?(dropped: Dropped): string;
}

/**
 * Drops after saying what it frees: the server's dry run (the drop's own checks, and the
 * figure the storage page, the tree and GET show), then a yes at the terminal or --yes (a
 * script has no one to ask), then the drop, whose answer says what it freed.
 */
export async function confirmedDrop<Dropped extends { name: string; freedBytes: number | null }>(
  client: ApiClient,
  args: ParsedArgs,
  io: CliIO,
  json: boolean,
  target: DropTarget<Dropped>,
): Promise<number> {
  const query = { engine: args.options.get('engine') };
  const { body: preview } = await client.request('DELETE', target.path, {
    query: { ...query, dryRun: 'true' },
    schema: dropPreviewSchema,
  });
  const prediction = `Dropping ${target.label} frees ${bytesText(preview.freedIfDroppedBytes)} now.`;
  const yes = args.flags.has('yes');
  if (!yes && !io.confirm)
    throw validation(`${prediction} Nothing was dropped: pass --yes to drop without asking (there is no terminal to ask).`);
  if (!json) io.out(prediction);
  if (!yes && io.confirm && !(await io.confirm(`Drop ${target.label}?`)))
    return done(io, json, { ...preview, dropped: false }, 'Nothing was dropped.');
  const { body: dropped } = await client.request('DELETE', target.path, { query, schema: target.schema });
  const differs =
    preview.freedIfDroppedBytes !== null && dropped.freedBytes !== preview.freedIfDroppedBytes
      ? ` (predicted ${bytesText(preview.freedIfDroppedBytes)}: it changed meanwhile)`
      : '';
  const text = `Dropped ${target.label}: freed ${bytesText(dropped.freedBytes)}${differs}${target.note?.(dropped) ?? ''}.`;
  return done(io, json, { ...dropped, freedIfDroppedBytes: preview.freedIfDroppedBytes }, text);
}

/** "1.5 MiB (1572864 bytes)": readable, and exact for scripts and for checking against the storage page. */
function bytesText(bytes: number | null): string {
  return bytes === null ? 'an amount the engine cannot tell' : `${formatBytes(bytes)} (${bytes} bytes)`;
}
