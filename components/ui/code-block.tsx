'use client';

import { useEffect, useId, useState } from 'react';
import { cn } from '@/lib/class-names';

export interface CodeBlockProps {
  code: string;
  /** What the code is, e.g. "Equivalent SQL" or "psql command"; names the region. */
  label: string;
  className?: string;
}

const COPIED_FOR_MS = 2000;

/** Preformatted code with a copy button; the copy result is announced to screen readers. */
export function CodeBlock({ code, label, className }: CodeBlockProps) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const labelId = useId();

  useEffect(() => {
    if (status === 'idle') return;
    const timer = setTimeout(() => setStatus('idle'), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setStatus('copied');
    } catch {
      // Clipboard access needs a secure context (https or localhost).
      setStatus('failed');
    }
  };

  return (
    <figure
      role="group"
      aria-labelledby={labelId}
      className={cn('overflow-hidden rounded-md border border-slate-800 bg-slate-900', className)}
    >
      <figcaption className="flex items-center justify-between border-b border-slate-800 px-3 py-1.5 text-xs text-slate-400">
        <span id={labelId}>{label}</span>
        <span className="flex items-center gap-2">
          <span aria-live="polite">
            {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed; select the text instead' : ''}
          </span>
          <button
            type="button"
            onClick={copy}
            className="rounded px-2 py-0.5 font-medium text-slate-200 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-400"
          >
            Copy<span className="sr-only"> {label}</span>
          </button>
        </span>
      </figcaption>
      <pre className="overflow-x-auto p-3 text-sm leading-relaxed text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
