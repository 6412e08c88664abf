'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

// Server errors reach the client as a generic message with a digest that matches the server log.
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = typeof error === 'object' && error !== null && 'digest' in error ? String(error.digest) : null;
  return (
    <div className="max-w-xl space-y-4">
      <Alert tone="danger" title="This page could not be loaded.">
        Something went wrong on the server. The error has been logged{digest ? ` (reference ${digest})` : ''}.
      </Alert>
      <Button variant="secondary" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
