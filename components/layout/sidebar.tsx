'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useId, useState } from 'react';
import { cn } from '@/lib/class-names';

const BAR_BUTTON =
  'rounded-md px-3 py-2 text-sm font-semibold text-slate-100 ring-1 ring-slate-700 ring-inset hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-400';

/**
 * The dashboard's side bar: always shown from the `md` breakpoint up; on narrow screens it
 * folds into a top bar whose Menu button opens it over the page. It closes on navigation
 * (it is open only for the page it was opened on), on Escape, and on a click beside it.
 */
export function Sidebar({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const panelId = useId();
  const close = () => setOpenOn(null);

  return (
    <>
      <div className="sticky top-0 z-20 flex items-center justify-between bg-slate-900 px-4 py-3 md:hidden">
        <Link href="/" className="text-lg font-bold tracking-tight text-white">
          Clonedeck
        </Link>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpenOn(open ? null : pathname)}
          className={BAR_BUTTON}
        >
          Menu
        </button>
      </div>
      {open && <div aria-hidden="true" className="fixed inset-0 z-30 bg-slate-900/50 md:hidden" onClick={close} />}
      <aside
        id={panelId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') close();
        }}
        className={cn(
          'w-60 shrink-0 flex-col bg-slate-900 px-4 py-6',
          open ? 'fixed inset-y-0 left-0 z-40 flex overflow-y-auto' : 'hidden',
          'md:static md:z-auto md:flex',
        )}
      >
        {open && (
          <button type="button" onClick={close} className={cn(BAR_BUTTON, 'mb-4 self-end md:hidden')}>
            Close menu
          </button>
        )}
        <div className="flex flex-1 flex-col justify-between">{children}</div>
      </aside>
    </>
  );
}
