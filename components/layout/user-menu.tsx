'use client';

import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useState } from 'react';

export interface UserMenuProps {
  name: string;
  email: string;
  isAdmin: boolean;
}

/** The signed-in user, at the foot of the side bar, with sign-out. */
export function UserMenu({ name, email, isAdmin }: UserMenuProps) {
  const [pending, setPending] = useState(false);
  return (
    <div className="border-t border-slate-800 pt-4">
      <p className="truncate text-sm font-medium text-white">{name}</p>
      <p className="truncate text-xs text-slate-400">
        {email}
        {isAdmin && <span className="ml-1.5 rounded bg-indigo-500/20 px-1.5 py-0.5 text-indigo-200">admin</span>}
      </p>
      <Link
        href="/account"
        className="mt-3 block rounded-md px-3 py-2 text-sm text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-400"
      >
        Your account
      </Link>
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: '/sign-in' });
        }}
        className="w-full rounded-md px-3 py-2 text-left text-sm text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-400 disabled:opacity-60"
      >
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
