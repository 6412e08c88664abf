'use client';

import { createContext, useContext, useEffect, useState } from 'react';

/** What every node of the overview needs besides its own data. */
export interface OverviewSettings {
  /** The client's clock, ticking every minute (starts at the server's render time). */
  now: Date;
  expiryWarningHours: number;
  /** Largest delta among the environments, to scale the bars. */
  maxOwnBytes: number;
  enginesWithoutDelta: readonly string[];
  canProvision: boolean;
}

export const OverviewContext = createContext<OverviewSettings | null>(null);

export function useOverviewSettings(): OverviewSettings {
  const settings = useContext(OverviewContext);
  if (!settings) throw new Error('useOverviewSettings needs an OverviewContext provider.');
  return settings;
}

/**
 * False inside the canvas while the outline beside it is the accessible view: the canvas is
 * hidden from assistive technology there, so its controls must not take keyboard focus.
 */
export const FocusableContext = createContext(true);

/** `tabIndex` for a control of a node: reachable by keyboard unless its surface is hidden. */
export function useNodeTabIndex(): number | undefined {
  return useContext(FocusableContext) ? undefined : -1;
}

/** The current time, refreshed every minute; starts at `initial` so server and client render alike. */
export function useNow(initial: string, intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date(initial));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
