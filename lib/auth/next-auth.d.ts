import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  /** The session as the app sees it: the user id is all it relies on (roles come from the database). */
  interface Session {
    user: { id: string } & DefaultSession['user'];
  }
  /** What sign-in (password or OIDC) hands the jwt callback. */
  interface User {
    sessionVersion?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    /** The user's session version when this session was issued (see session-version.ts). */
    sessionVersion?: number;
  }
}
