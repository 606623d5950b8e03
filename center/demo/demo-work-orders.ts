import { randomUUID } from 'node:crypto';
import { makeCase } from '../../shared/domain/fixtures';
import { pushItemSchema } from '../../shared/sync';
import { hashPassword } from '../auth/password';
import { upsertUser } from '../store/users-repo';
import { storeImportChunk } from '../store/import-repo';
import { reassignCase } from '../store/cases-repo';
import { assessCase } from '../import/assess-case';
import { applyPush } from '../sync/push-service';
import type { Store } from '../store/open-store';
import { addDays } from '../assign/priority';

/** The demo branch user (password `demo1234`): 北京分公司 8611, so it sees its sub-branch 861101 too. */
export const DEMO_BRANCH_ACCOUNT = { staffNo: '6001', name: '演示分支机构回访负责人', branchCode: '8611', branchName: '北京分公司' } as const;

/** One called case per order the console shows: branch, result, kinds, answers, and how many days ago it was called. */
const ORDERS = [
  { branch: ['861101', '朝阳支公司'], classification: 'problem', kinds: ['communication'], answers: { signature: 'no', receipt: 'yes' }, daysAgo: 7 },
  { branch: ['8611', '北京分公司'], classification: 'verification', kinds: ['wrong_number'], answers: {}, daysAgo: 0 },
  { branch: ['8611', '北京分公司'], classification: 'verification', kinds: ['not_reached'], answers: {}, daysAgo: 0 },
  { branch: ['861101', '朝阳支公司'], classification: 'problem', kinds: ['forged_signature'], answers: { signature: 'no' }, daysAgo: 1 },
] as const;

/**
 * Work orders for the web console demo (docs/domain.md §7): four extra cases of the Beijing
 * branch, given to demo agent 1001 and called (their results pushed as a desk would), so each
 * raised its order — one overdue, one due tomorrow (unsuccessful: 1 working day). They leave the
 * agent's queue at once, so the demo queue of the other cases is unchanged.
 */
export async function seedDemoWorkOrders(store: Store, today: string, passwordHash?: string): Promise<void> {
  const hash = passwordHash ?? (await hashPassword('demo1234'));
  await upsertUser(store, { ...DEMO_BRANCH_ACCOUNT, role: 'branch', team: 'A', languages: ['mandarin'], passwordHash: hash });
  const rows = ORDERS.map((o, i) => {
    const data = makeCase({
      policyNo: `DEMOWO${String(i + 1).padStart(4, '0')}`,
      branch: { code: o.branch[0], name: o.branch[1] },
      agent: { code: '7001', name: '演示销售' },
      policyholder: { name: ['林晓', '陈立新', '周一鸣', '吴佳'][i], phones: [`1390001000${i + 1}`] },
    });
    const a = assessCase(data, today);
    return { line: i + 2, data, team: 'A', language: 'mandarin', kind: 'new' as const, returnMonth: null, ...a };
  });
  await storeImportChunk(
    store,
    rows.map((r) => ({
      line: r.line,
      data: r.data,
      team: r.team,
      language: r.language,
      kind: r.kind,
      returnMonth: r.returnMonth,
      eligible: r.eligible,
      deadline: r.deadline,
      holderAge: r.holderAge,
      visitMode: r.visitMode,
      flags: r.flags,
    })),
    today,
  );
  for (const [i, o] of ORDERS.entries()) {
    const policyNo = rows[i].data.policyNo;
    const assigned = await reassignCase(store, policyNo, '1001', '2001');
    if (!assigned.ok) throw new Error(`demo: could not assign ${policyNo}: ${assigned.error.message.en}`);
    const item = pushItemSchema.parse({
      id: randomUUID(),
      kind: 'result',
      policyNo,
      occurredAt: `${addDays(today, -o.daysAgo)}T10:00:00+08:00`,
      data: { classification: o.classification, kinds: o.kinds, answers: o.answers },
    });
    await applyPush(store, '1001', [item], { today: addDays(today, -o.daysAgo) });
  }
}
