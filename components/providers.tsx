'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

/** Client-side providers for the whole app: TanStack Query for the reads the client polls. */
export function Providers({ children }: { children: ReactNode }) {
  // One client per browser session (useState keeps it across renders, not across users on the server).
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: true } } }),
  );
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
