import Link from 'next/link';
import { cn } from '@/lib/class-names';

export interface TeamFilterProps {
  teams: Array<{ name: string; displayName: string }>;
  /** The team name in the URL, or null for all. */
  current: string | null;
  /** The list's path; the filter is its `team` query parameter. */
  basePath: string;
}

/** Links rather than a form: the filter is part of the URL, works without JavaScript, and can be shared. */
export function TeamFilter({ teams, current, basePath }: TeamFilterProps) {
  const choices = [{ name: null, displayName: 'All teams' }, ...teams];
  return (
    <nav aria-label="Filter by team">
      <ul className="flex flex-wrap gap-2">
        {choices.map((choice) => {
          const selected = choice.name === current;
          const href = choice.name ? `${basePath}?team=${encodeURIComponent(choice.name)}` : basePath;
          return (
            <li key={choice.name ?? 'all'}>
              <Link
                href={href}
                aria-current={selected ? 'page' : undefined}
                className={cn(
                  'inline-block rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset',
                  selected ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
                )}
              >
                {choice.displayName}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
