'use client';

import { cn } from '@/lib/class-names';

export type OverviewView = 'both' | 'tree' | 'list';

const VIEWS: Array<{ view: OverviewView; label: string }> = [
  { view: 'both', label: 'Tree and list' },
  { view: 'tree', label: 'Tree' },
  { view: 'list', label: 'List' },
];

/** Chooses how the overview shows the tree: the canvas, the outline, or both. */
export function ViewToggle({ view, onChange }: { view: OverviewView; onChange: (view: OverviewView) => void }) {
  return (
    <div role="group" aria-label="Show the tree as" className="inline-flex rounded-md shadow-xs ring-1 ring-slate-300 ring-inset">
      {VIEWS.map((option, index) => (
        <button
          key={option.view}
          type="button"
          aria-pressed={view === option.view}
          onClick={() => onChange(option.view)}
          className={cn(
            'px-3 py-1.5 text-xs font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
            index === 0 && 'rounded-l-md',
            index === VIEWS.length - 1 && 'rounded-r-md',
            index > 0 && 'border-l border-slate-300',
            view === option.view ? 'bg-slate-900 text-white' : 'bg-white text-slate-700 hover:bg-slate-50',
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
