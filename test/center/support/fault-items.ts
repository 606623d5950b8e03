import { randomUUID } from 'node:crypto';
import type { PushItem } from '../../../shared/sync';

/** What a desk produced during a fault run, to hold the centre's store against afterwards. */
export interface Produced {
  /** Every item's client id, in the order it entered the outbox. */
  readonly ids: string[];
  /** Ids of results that must raise exactly one work order (non-standard, docs/domain.md §7). */
  readonly nonStandard: Set<string>;
  /** Ids of phone corrections (each stored once in `phone_corrections` too). */
  readonly corrections: Set<string>;
}

const CLASSES = ['problem', 'standard', 'verification', 'substandard'] as const;

/**
 * A desk's day in miniature, as push items: mostly call attempts on the agent's cases, session
 * heartbeats, one result per case spread over the run (it closes the case; a non-standard one raises
 * a work order) and phone corrections.
 */
export function itemSource(caseNos: readonly string[], staffNo: string): { produced: Produced; next: () => PushItem } {
  const produced: Produced = { ids: [], nonStandard: new Set(), corrections: new Set() };
  let seq = 0;
  let resulted = 0;
  const next = (): PushItem => {
    seq++;
    const id = randomUUID();
    produced.ids.push(id);
    const occurredAt = new Date().toISOString();
    if (seq % 50 === 25 && resulted < caseNos.length) {
      const classification = CLASSES[resulted % CLASSES.length];
      if (classification !== 'standard') produced.nonStandard.add(id);
      return { id, kind: 'result', policyNo: caseNos[resulted++], occurredAt, data: { classification, kinds: [] } };
    }
    if (seq % 50 === 40) {
      // Stored once in its own table too, whether the case is finished or not.
      produced.corrections.add(id);
      return {
        id,
        kind: 'phone_correction',
        policyNo: caseNos[seq % caseNos.length],
        occurredAt,
        data: { original: '13800138000', corrected: `139${String(seq).padStart(8, '0')}`, reason: '号码更正', correctedBy: staffNo },
      };
    }
    if (seq % 10 === 0) return { id, kind: 'session', occurredAt, data: { event: 'heartbeat', workstationId: 'ws-fault' } };
    return {
      id,
      kind: 'attempt',
      policyNo: caseNos[seq % caseNos.length],
      occurredAt,
      data: { channel: 'phone', outcome: 'no_answer', durationSec: seq % 60 },
    };
  };
  return { produced, next };
}
