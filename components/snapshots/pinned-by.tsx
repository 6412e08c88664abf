/** How many clones stand on a snapshot; their names one click away. */
export function PinnedBy({ pinnedBy }: { pinnedBy: string[] | null }) {
  if (pinnedBy === null)
    return (
      <span className="text-slate-500" title="This engine does not track which clones stand on a snapshot.">
        not tracked
      </span>
    );
  if (pinnedBy.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <details className="group">
      <summary className="cursor-pointer font-medium text-slate-900 marker:text-slate-400">
        {pinnedBy.length} {pinnedBy.length === 1 ? 'clone' : 'clones'}
      </summary>
      <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-700">
        {pinnedBy.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </details>
  );
}
