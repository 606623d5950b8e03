import { runArchiveFault } from './support/archive-fault-runner';
import { printFigures } from './support/desk-archive';

// Evidence archive (README "Evidence archive", docs/domain.md §9, §11; center/README.md "Exactly once
// under faults"): the workstation host SIGKILLed part-way through uploads at least 20 times — every
// recorded session reaches the centre exactly once, its blob byte for byte the desk's container, and
// the one outbox entry that carried it ends delivered.
describe('fault injection: workstation host killed mid-upload while it archives recordings', () => {
  it('archives every session once, byte-identical, over 20 cut uploads', async () => {
    const figures = await runArchiveFault({ kills: 20, log: (s) => console.log(s) });
    console.log(`archive fault figures: ${JSON.stringify(figures)}`);
    // The names the archive-fault bench reports.
    printFigures({
      'archive.fault_runs': figures.interruptedUploads,
      'archive.fault_lost': figures.lost,
      'archive.fault_duplicated': figures.duplicated,
      'archive.fault_corrupted': figures.corrupted,
    });
    expect(figures.interruptedUploads).toBeGreaterThanOrEqual(20);
    expect(figures.runs).toBeGreaterThanOrEqual(20);
    // Cut part-way (the centre held some bytes of a recording, not all) and at more than one offset.
    expect(figures.partialOffsets).toHaveLength(figures.interruptedUploads);
    expect(new Set(figures.partialOffsets).size).toBeGreaterThan(1);
    expect(figures.recordingBytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(figures.lost).toBe(0);
    expect(figures.duplicated).toBe(0);
    expect(figures.corrupted).toBe(0);
    expect(figures.outboxUndone).toBe(0);
    // ≈ 25 host launches under tsx and some 50 MB of recordings: 1–3 min; the timeout only stops a hang.
  }, 600_000);
});
