import { parseCase, type PolicyCase } from '../../../shared/domain/case';
import { readCase } from '../../data/case-repo';
import type { HuifangDb } from '../../data/huifang-db';
import type { CachedCase } from '../../data/records';
import { messages } from '../../i18n/messages';

const text = messages.visit;

/**
 * A cached case and its policy as the visit opens it: `policy` null with `problems` (in words) when
 * the cached data does not parse, both null when the case is not cached. Throws when the cache
 * cannot be read.
 */
export async function readPolicy(db: HuifangDb, policyNo: string): Promise<{ record: CachedCase | null; policy: PolicyCase | null; problems: string | null }> {
  const record = (await readCase(db, policyNo)) ?? null;
  const parsed = record ? parseCase(record.data) : null;
  if (!parsed) return { record, policy: null, problems: null };
  if (parsed.ok) return { record, policy: parsed.value, problems: null };
  return { record, policy: null, problems: text.caseProblems(parsed.problems.map((p) => text.problem(p.path, p.message.zh))) };
}
