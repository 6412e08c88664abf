// `npm run bench:tree [rounds]`: the overview tree at team scale. Seeds the dashboard's metadata
// database (PGlite, as `npm start` uses) with 500 live environments and 100 live snapshots —
// clones of production, of clones and of snapshots, across the three demo teams, with dropped
// parents and dropped snapshots whose clones live on — and times the server-side data building
// of the tree page (`getOverviewData`, what the page and its polling route run) for an admin and
// a team lead: wall time, and the CPU time this process spent (the metadata database, PGlite,
// runs in it too), which a machine busy with other work inflates less.
import os from 'node:os';
import { getOverviewData } from '@/lib/domain/tree';
import { createDomainFixture } from '@/lib/domain/testing/fixture';
import { progress, summarize, timeMs } from './measure';
import { seedTeamScaleTree } from './tree-seed';

const ROUNDS = Number.parseInt(process.argv[2] ?? '15', 10);

const format = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);

async function main(): Promise<void> {
  progress('opening a metadata store, an embedded engine and the demo organisation');
  const fixture = await createDomainFixture();
  try {
    const seeded = await seedTeamScaleTree(fixture);
    progress(
      `seeded ${seeded.liveEnvironments} live environments and ${seeded.liveSnapshots} live snapshots (${seeded.dropped} dropped records)`,
    );
    const viewers = [
      { label: 'admin (sees everything)', actor: fixture.actors.admin },
      { label: 'QA lead (production + QA)', actor: fixture.actors.leadQa },
    ];
    console.log(
      `overview tree data, ${ROUNDS} rounds each after one warm-up; server time per request (load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
    console.log(
      `${'viewer'.padEnd(30)}${'nodes'.padStart(7)}${'wall med'.padStart(10)}${'wall min'.padStart(10)}${'wall max'.padStart(10)}${'cpu med'.padStart(10)}`,
    );
    for (const { label, actor } of viewers) {
      await getOverviewData(fixture.context, actor);
      const wall: number[] = [];
      const cpu: number[] = [];
      let nodes = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const cpuBefore = process.cpuUsage();
        const built = await timeMs(() => getOverviewData(fixture.context, actor));
        const cpuSpent = process.cpuUsage(cpuBefore);
        nodes = built.value.tree.nodes.length;
        wall.push(built.ms);
        cpu.push((cpuSpent.user + cpuSpent.system) / 1000);
      }
      const [wallTiming, cpuTiming] = [summarize(wall), summarize(cpu)];
      console.log(
        `${label.padEnd(30)}${String(nodes).padStart(7)}${format(wallTiming.medianMs)}${format(wallTiming.minMs)}${format(wallTiming.maxMs)}${format(cpuTiming.medianMs)}`,
      );
    }
  } finally {
    await fixture.close();
  }
}

await main();
