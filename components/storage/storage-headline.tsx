import type { ReactNode } from 'react';
import type { StorageTotals, TeamStorage } from '@/lib/domain/storage';
import { Bytes } from './bytes';
import { formatPercent, formatRatio } from './storage-format';

function Figure({ label, children, note, emphasis = false }: { label: string; children: ReactNode; note: ReactNode; emphasis?: boolean }) {
  return (
    <div
      className={
        emphasis ? 'rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3' : 'rounded-lg border border-slate-200 bg-white px-4 py-3'
      }
    >
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900">{children}</dd>
      <dd className="mt-1 text-xs text-slate-600">{note}</dd>
    </div>
  );
}

/** The engine's whole picture (admins): what is stored against what full copies would need. */
export function EngineTotalsFigures({ totals, engineLabel }: { totals: StorageTotals; engineLabel: string }) {
  const { physicalBytes, savedBytes } = totals;
  return (
    <dl role="group" aria-label={`${engineLabel}: storage totals`} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
      <Figure label="Physical stored" note="Bytes really on disk, as measured">
        <Bytes value={physicalBytes} figure="physical" />
      </Figure>
      <Figure
        label="Sum of logical sizes"
        note={totals.databaseCount === 1 ? 'What the one database sees' : `What the ${totals.databaseCount} databases see`}
      >
        <Bytes value={totals.logicalBytes} figure="logical" />
      </Figure>
      <Figure label="Full copies would need" note="Each database as its own full copy">
        <Bytes value={totals.fullCopyBytes} figure="full-copies" />
      </Figure>
      <Figure
        label="Saved"
        emphasis={savedBytes !== null && savedBytes > 0}
        note={
          savedBytes === null ? (
            'Needs physical bytes'
          ) : (
            <span data-figure="saved-percent">{formatPercent(totals.savedPercent)} of the logical size</span>
          )
        }
      >
        <Bytes value={savedBytes} figure="saved" />
      </Figure>
      <Figure label="Environments free if dropped" note="Each alone, added up (data two share counts in neither)">
        <Bytes value={totals.freedIfDroppedBytes} figure="engine-freed-if-dropped" />
      </Figure>
      <Figure label="Pinned by snapshots" note="Kept only because of snapshots of the environments">
        <Bytes value={totals.pinnedBytes} figure="engine-pinned" />
      </Figure>
      <Figure label="Ratio" emphasis={totals.ratio !== null && totals.ratio > 1} note={ratioNote(totals.ratio)}>
        {totals.ratio === null ? (
          <Bytes value={null} figure="ratio" />
        ) : (
          <span data-figure="ratio" data-ratio={totals.ratio}>
            {formatRatio(totals.ratio)}
            {totals.ratio > 1 && ' less'}
          </span>
        )}
      </Figure>
    </dl>
  );
}

function ratioNote(ratio: number | null): string {
  if (ratio === null) return 'Needs physical bytes';
  return ratio > 1 ? 'Logical ÷ physical: stored once, seen many times' : 'Logical ÷ physical: the store holds more than the databases see';
}

/** A lead's or member's slice: their teams only (engine-wide totals are for admins). */
export function TeamSliceFigures({ teams, engineLabel }: { teams: TeamStorage[]; engineLabel: string }) {
  const sum = (pick: (team: TeamStorage) => number | null) =>
    teams.some((team) => pick(team) === null) ? null : teams.reduce((total, team) => total + (pick(team) ?? 0), 0);
  const environments = teams.reduce((total, team) => total + team.environmentCount, 0);
  return (
    <dl role="group" aria-label={`${engineLabel}: your teams' storage`} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-5">
      <Figure label="Environments" note={`In ${teams.map((team) => team.displayName).join(', ') || 'no team'}`}>
        <span data-figure="team-environments">{environments}</span>
      </Figure>
      <Figure label="Logical size" note="What your environments see">
        <Bytes value={sum((team) => team.logicalBytes)} figure="team-logical" />
      </Figure>
      <Figure label="Own (delta) bytes" emphasis note="What your environments really add">
        <Bytes value={sum((team) => team.ownBytes)} figure="team-own" />
      </Figure>
      <Figure label="Frees if dropped" note="Each environment alone, added up">
        <Bytes value={sum((team) => team.freedIfDroppedBytes)} figure="team-freed-if-dropped" />
      </Figure>
      <Figure label="Pinned by snapshots" note="Kept only because of your snapshots">
        <Bytes value={sum((team) => team.pinnedBytes)} figure="team-pinned" />
      </Figure>
    </dl>
  );
}
