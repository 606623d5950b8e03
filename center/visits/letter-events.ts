import { syncError, type CenterResult, type SyncError } from '../../shared/sync';
import { nextLetterStatus, type LetterEvent, type LetterStatus } from '../../shared/sync/visits';
import { DEFAULT_SCRIPT } from '../../shared/domain/script';
import { categoryOf } from '../../shared/domain/outcome';
import { resultFromAnswers } from '../../shared/domain/outcome/rederive';
import { requireBranch } from '../auth/branch-scope';
import { randomUUID } from 'node:crypto';
import { audit } from '../store/audit-repo';
import { getCaseRow } from '../store/cases-repo';
import { changeFeedTransaction } from '../store/changes-repo';
import { centreCalendar } from '../calendar/calendar-years-repo';
import { applyResultInTrx } from '../sync/push-service';
import type { StoredUser } from '../store/users-repo';
import type { Store } from '../store/open-store';

const fail = (code: SyncError['code'], zh: string, en: string) => ({ ok: false as const, error: syncError(code, { zh, en }) });

/** The letter's state after the event; a closed letter, a wrong step or a stale version changes nothing. */
export interface LetterView {
  readonly status: LetterStatus;
  readonly version: number;
  readonly mailedOn: string | null;
  readonly classification: string | null;
  readonly kinds: readonly string[];
}

/**
 * Records mailing, non-return or the returned questionnaire of one letter. Returned answers are
 * classified with the phone script's outcome scheme (shared/domain/outcome: same codes, same rules).
 */
export async function applyLetterEvent(
  store: Store,
  user: StoredUser,
  key: { batchId: string; policyNo: string },
  event: LetterEvent,
  today: string,
): Promise<CenterResult<LetterView & { touched: string[] }>> {
  const row = await store.db
    .selectFrom('visit_letters')
    .selectAll()
    .where('batch_id', '=', key.batchId)
    .where('policy_no', '=', key.policyNo)
    .executeTakeFirst();
  if (!row) return fail('not_found', '没有这封回访函', `no letter ${key.policyNo} in batch ${key.batchId}`);
  const denied = requireBranch(user, row.branch_code);
  if (denied) return { ok: false, error: denied };
  const status = row.status as LetterStatus;
  const next = nextLetterStatus(status, event.event);
  if (!next)
    return status === 'returned' || status === 'not_returned'
      ? fail('conflict', '该回访函已结束，不能再修改', `letter is closed (${status}); it cannot be edited`)
      : fail('conflict', '回访函当前状态不允许此操作', `a ${status} letter cannot be marked ${event.event}`);
  if (Number(row.version) !== event.version)
    return fail('conflict', '表单已过期，请刷新后重试', `stale form: letter is at version ${row.version}, the form was read at ${event.version}`);
  let result: { category: string; kinds: string[] } | null = null;
  if (event.event === 'returned') {
    const rebuilt = resultFromAnswers(DEFAULT_SCRIPT, event.answers);
    if (!rebuilt.ok) return { ok: false, error: syncError('invalid_request', { zh: '问卷答案不合规', en: rebuilt.problem }) };
    result = categoryOf(rebuilt.result);
  }
  const raise = { today, calendar: await centreCalendar(store) };
  const touched = new Set<string>();
  const updated = await changeFeedTransaction(store, async (trx) => {
    const r = await trx
      .updateTable('visit_letters')
      .set({
        status: next,
        version: Number(row.version) + 1,
        ...(event.event === 'mailed' ? { mailed_on: event.on } : {}),
        ...(event.event === 'returned' && result
          ? { answers: JSON.stringify(event.answers), result_class: result.category, result_kinds: JSON.stringify(result.kinds) }
          : {}),
      })
      .where('batch_id', '=', key.batchId)
      .where('policy_no', '=', key.policyNo)
      .where('version', '=', Number(row.version))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    const caseRow = result ? await getCaseRow(trx, key.policyNo) : undefined;
    if (result && caseRow) {
      // Counted like a call result: same case update, same work orders (push-service.ts).
      const at = new Date().toISOString();
      const item = {
        id: randomUUID(),
        kind: 'result' as const,
        policyNo: key.policyNo,
        occurredAt: at,
        data: { classification: result.category as 'problem', kinds: result.kinds },
      };
      await applyResultInTrx(trx, caseRow, item, user.staffNo, raise, touched, at);
    }
    if (event.event === 'not_returned') {
      // docs/domain.md §4: when a way fails, its attempt is recorded. The unanswered letter counts as
      // an attempt on the case, which stays a 核实件 waiting for its branch: an in-person visit remains.
      await trx
        .updateTable('cases')
        .set((eb) => ({ attempt_count: eb('attempt_count', '+', 1), updated_at: new Date().toISOString(), version: eb('version', '+', 1) }))
        .where('policy_no', '=', key.policyNo)
        .execute();
    }
    await audit(trx, { actor: user.staffNo, action: `visits.letter_${event.event}`, target: key.policyNo, detail: { batchId: key.batchId, ...result } });
    return true;
  });
  if (!updated) return fail('conflict', '表单已过期，请刷新后重试', 'stale form: the letter changed meanwhile');
  return {
    ok: true,
    value: {
      status: next,
      version: Number(row.version) + 1,
      mailedOn: event.event === 'mailed' ? event.on : row.mailed_on,
      classification: result?.category ?? null,
      kinds: result?.kinds ?? [],
      touched: [...touched],
    },
  };
}
