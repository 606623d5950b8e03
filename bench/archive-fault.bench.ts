/**
 * Evidence archive under faults (README "Evidence archive"; center/README.md "Exactly once under
 * faults"). The workstation host process is SIGKILLed part-way through its archive uploads
 * `HUIFANG_ARCHIVE_FAULT_KILLS` times (default 20) and launched again; figures:
 * - archive.fault_runs: host kills that cut an upload part-way (the centre held some bytes, not all);
 * - archive.fault_lost / archive.fault_duplicated / archive.fault_corrupted: sessions not archived,
 *   archived more than once, or whose blob at the centre differs from the desk's container. Goals 0.
 * - archive.fault_outbox_undone: sessions whose one archive entry in the desk's outbox (the path
 *   every upload now takes) is missing, doubled or not delivered at the end. Goal 0.
 */
import { runArchiveFault } from '../test/center/support/archive-fault-runner';

type Report = (name: string, value: number, unit: string) => void;
const note = (s: string) => process.stderr.write(`archive fault bench: ${s}\n`);

export default async function run(report: Report): Promise<void> {
  const f = await runArchiveFault({ kills: Number(process.env.HUIFANG_ARCHIVE_FAULT_KILLS ?? 20), log: note });
  note(JSON.stringify(f));
  report('archive.fault_runs', f.interruptedUploads, 'count');
  report('archive.fault_lost', f.lost, 'count');
  report('archive.fault_duplicated', f.duplicated, 'count');
  report('archive.fault_corrupted', f.corrupted, 'count');
  report('archive.fault_outbox_undone', f.outboxUndone, 'count');
}
