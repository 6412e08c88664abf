'use client';

// Replaces the root layout when it fails, so it brings its own document (and no app styles).
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '3rem', textAlign: 'center' }}>
        <h1>Clonedeck could not load this page.</h1>
        <p>Something went wrong on the server. The error has been logged.</p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </body>
    </html>
  );
}
