'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/class-names';

export const DASHBOARD_SECTIONS = [
  { href: '/', label: 'Overview' },
  { href: '/environments', label: 'Environments' },
  { href: '/snapshots', label: 'Snapshots' },
  { href: '/teams', label: 'Teams' },
  { href: '/storage', label: 'Storage' },
  { href: '/audit', label: 'Audit' },
  { href: '/tokens', label: 'Tokens' },
] as const;

/** Sections only administrators can use. */
export const ADMIN_SECTIONS = [{ href: '/settings', label: 'Settings' }] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function DashboardNav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  const sections = isAdmin ? [...DASHBOARD_SECTIONS, ...ADMIN_SECTIONS] : DASHBOARD_SECTIONS;
  return (
    <nav aria-label="Main">
      <ul className="space-y-1">
        {sections.map((section) => {
          const current = isCurrent(pathname, section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-400',
                  current ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white',
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
