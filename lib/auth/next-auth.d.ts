import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  /** The session as the app sees it: the user id is all it relies on (roles come from the database). */
  interface Session {
    user: { id: string } & DefaultSession['user'];
  }
}
