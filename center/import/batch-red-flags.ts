import type { PolicyCase } from '../../shared/domain/case';
import { detectRedFlags } from '../../shared/domain/red-flags';
import { parsePhone } from '../../shared/domain/phone';
import type { Store } from '../store/open-store';

/** The number a case is indexed under (`cases.holder_phone`): its first well-formed phone, normalised. */
export function indexedPhone(c: PolicyCase): string | null {
  for (const raw of c.policyholder.phones) {
    const p = parsePhone(raw);
    if (p.ok) return p.normalized;
  }
  return null;
}

/**
 * Red flags of an import batch (docs/domain.md §7) with the domain core's `detectRedFlags`, run over
 * the batch plus the stored cases indexed under the same numbers — so a number spread over several
 * imports is still caught. Returns the flag codes per policy number of the batch.
 * Limitation: stored cases are found by their first valid number only.
 */
export async function redFlagsByPolicy(store: Store, batch: readonly PolicyCase[]): Promise<Map<string, string[]>> {
  const numbers = new Set<string>();
  for (const c of batch) {
    for (const raw of c.policyholder.phones) {
      const p = parsePhone(raw);
      if (p.ok) numbers.add(p.normalized);
    }
  }
  const inBatch = new Set(batch.map((c) => c.policyNo));
  const context: PolicyCase[] = [];
  const list = [...numbers];
  for (let i = 0; i < list.length; i += 500) {
    const rows = await store.db
      .selectFrom('cases')
      .select(['policy_no', 'data'])
      .where('holder_phone', 'in', list.slice(i, i + 500))
      .execute();
    for (const r of rows) if (!inBatch.has(r.policy_no)) context.push(JSON.parse(r.data) as PolicyCase);
  }
  const found = detectRedFlags([...batch, ...context]);
  const out = new Map<string, string[]>();
  for (let i = 0; i < batch.length; i++) {
    const codes = [...new Set(found[i].flags.map((f) => f.code))];
    if (codes.length > 0) out.set(batch[i].policyNo, codes);
  }
  return out;
}
