import { formatBytes } from '@/lib/format/bytes';
import { formatNameStamp } from '@/lib/format/time';

/** "a", "a and b", "a, b and c". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What the drop confirmation warns about: clones standing on the snapshot keep its data. */
export function dropWarning(pinnedBy: readonly string[] | null): string {
  if (pinnedBy === null) return 'This engine cannot tell which clones stand on it.';
  if (pinnedBy.length === 0) return 'No clone stands on it.';
  const clones = pinnedBy.length === 1 ? 'clone' : 'clones';
  const verb = pinnedBy.length === 1 ? 'stands' : 'stand';
  return `The ${clones} ${listNames(pinnedBy)} ${verb} on it: its data stays on disk until they go.`;
}

/** What a finished drop did, for the notice above the table. */
export function dropResultText(name: string, result: { freedBytes: number | null; pinnedBy: readonly string[] }): string {
  const freed =
    result.freedBytes === null
      ? `Dropped ${name}. The engine does not report the space freed.`
      : result.freedBytes > 0
        ? `Dropped ${name} and freed ${formatBytes(result.freedBytes)} on disk.`
        : `Dropped ${name}. No space was freed yet: its data is still shared.`;
  if (result.pinnedBy.length === 0) return freed;
  return `${freed} ${listNames(result.pinnedBy)} still ${result.pinnedBy.length === 1 ? 'stands' : 'stand'} on its data, which stays until ${result.pinnedBy.length === 1 ? 'it is' : 'they are'} dropped.`;
}

/** `production_20261121_0930` (UTC), shortened to the 63 characters a snapshot name may have. */
export function suggestSnapshotName(environment: string, at: Date): string {
  const stamp = formatNameStamp(at);
  return `${environment.slice(0, 63 - stamp.length - 1).replace(/_+$/, '')}_${stamp}`;
}
