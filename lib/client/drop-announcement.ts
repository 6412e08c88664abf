'use client';

import { useEffect, useState } from 'react';

/** What a drop in the browser gave back, shown on the page it lands on. */
export interface DropAnnouncement {
  name: string;
  freedBytes: number | null;
  /** The frees-if-dropped figure the dialog showed before the drop. */
  predictedBytes: number | null;
}

// Handed over through the tab's session storage, so it survives the move to the list page and
// nothing outside this tab (a link, another site) can put words in it. Read once, then gone.
const KEY = 'clonedeck.dropAnnouncement';
const listeners = new Set<() => void>();

export function announceDrop(announcement: DropAnnouncement): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(announcement));
  listeners.forEach((listener) => listener());
}

function takeAnnouncement(): DropAnnouncement | null {
  const text = window.sessionStorage.getItem(KEY);
  if (text === null) return null;
  window.sessionStorage.removeItem(KEY);
  try {
    const value = JSON.parse(text) as Partial<DropAnnouncement>;
    const bytes = (figure: unknown) => (typeof figure === 'number' && Number.isFinite(figure) ? figure : null);
    if (typeof value.name !== 'string') return null;
    return { name: value.name, freedBytes: bytes(value.freedBytes), predictedBytes: bytes(value.predictedBytes) };
  } catch {
    return null;
  }
}

/** The latest drop in this tab (made here, or on the page that led here), and a way to dismiss it. */
export function useDropAnnouncement(): [DropAnnouncement | null, () => void] {
  const [announcement, setAnnouncement] = useState<DropAnnouncement | null>(null);
  useEffect(() => {
    const take = () => {
      const taken = takeAnnouncement();
      if (taken) setAnnouncement(taken);
    };
    take();
    listeners.add(take);
    return () => void listeners.delete(take);
  }, []);
  return [announcement, () => setAnnouncement(null)];
}
