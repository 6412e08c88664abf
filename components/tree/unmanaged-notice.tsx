import { Alert } from '@/components/ui/alert';
import type { UnmanagedDatabase } from '@/lib/domain/unmanaged';

/**
 * For admins: databases on the engines that no environment record describes. Clonedeck
 * leaves them alone (they are not in the tree, and nothing expires or drops them).
 */
export function UnmanagedNotice({ databases }: { databases: UnmanagedDatabase[] }) {
  if (databases.length === 0) return null;
  return (
    <Alert tone="warning" title={`Unmanaged databases (${databases.length})`}>
      <p>
        These databases exist on the engines but no environment describes them (created by hand, or left over). Clonedeck does not show them
        in the tree and never drops them.
      </p>
      <ul className="mt-2 flex flex-wrap gap-1.5">
        {databases.map((entry) => (
          <li
            key={`${entry.engineId}/${entry.database}`}
            className="rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs ring-1 ring-amber-300"
          >
            {entry.engineId}/{entry.database}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
