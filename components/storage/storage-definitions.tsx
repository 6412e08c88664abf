/** What each figure means, in the words of getStorageReport's doc comments. */
export function StorageDefinitions({ idleAfterDays }: { idleAfterDays: number }) {
  return (
    <details className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
      <summary className="cursor-pointer font-medium text-slate-900">How these numbers are measured</summary>
      <dl className="mt-3 grid gap-x-6 gap-y-2 md:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-900">Physical stored</dt>
          <dd>
            Bytes the engine really keeps on disk: every layer file and the catalog, including what only snapshots keep. Pages nothing can
            read any more (deleted files, pages a merge replaced) are given back by the engine itself a few seconds after it goes quiet.
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Sum of logical sizes</dt>
          <dd>
            The size each database sees (what a full copy of it would hold), summed over every database on the engine, also ones Clonedeck
            does not manage.
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Full copies would need</dt>
          <dd>
            Every database stored as its own full copy: the sum of logical sizes. Snapshots are not counted, so this is a lower bound and
            the savings shown are conservative.
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Saved and ratio</dt>
          <dd>Saved = logical − physical; percent = saved ÷ logical; ratio = logical ÷ physical (“5× less” stores a fifth).</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Own (delta) bytes</dt>
          <dd>
            Data only this environment holds: the pages it has written since it was cloned or last snapshotted (a whole 8 KiB page even for
            one changed row) and the write-ahead log of those changes.
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Frees if dropped</dt>
          <dd>
            Exactly what dropping it gives back now: its own data plus what only it and its snapshots hold (a drop takes its snapshots
            along). The drop dialog, the tree, the API and the CLI report the same figure. Data a clone of it still uses stays. For a team
            or an engine: the sum over its environments, each dropped alone — data two of them share counts in neither.
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Pinned by snapshots</dt>
          <dd>
            For an environment: what only its snapshots keep (dropping them alone gives this back). For a team or an engine: the sum over
            its environments.
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Idle</dt>
          <dd>No operation, connection or query recorded in the audit log for {idleAfterDays} days.</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-900">Where the numbers come from</dt>
          <dd>One measurement of the engine per page view, cached for a few seconds; history is sampled on a schedule.</dd>
        </div>
      </dl>
    </details>
  );
}
