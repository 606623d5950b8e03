import { useCallback, useEffect, useState } from 'react';
import type { TeamCallbacksResponse, TeamCase, TeamMember, TeamPhoneCorrection } from '../../../shared/sync';
import { huifang } from '../../ipc/huifang';

/** What the team view shows: the team's cases, corrections to review, callbacks, the roster. */
export interface TeamData {
  readonly cases: readonly TeamCase[] | null;
  readonly corrections: readonly TeamPhoneCorrection[] | null;
  readonly callbacks: TeamCallbacksResponse | null;
  readonly roster: readonly TeamMember[];
  /** The last failure to read (zh-CN reason), or null. */
  readonly error: string | null;
}

/** The answer of one centre call: its value, or the readable reason it failed. */
type Answer<T> = { ok: true; value: T } | { ok: false; reason: string };

function answerOf<V extends { kind: string }, T>(
  r: { ok: true; value: V } | { ok: false; error: { message: string } },
  pick: (v: Extract<V, { kind: 'ok' }>) => T,
): Answer<T> {
  if (!r.ok) return { ok: false, reason: r.error.message };
  const v = r.value;
  if (v.kind !== 'ok') return { ok: false, reason: (v as unknown as { message: string }).message };
  return { ok: true, value: pick(v as Extract<V, { kind: 'ok' }>) };
}

/**
 * Reads `team` from the centre when the view opens (and on `reload`); named even for the lead's
 * own team, since an admin's listings without it would span every team. Nothing is cached on the
 * desk: the listings hold other agents' policyholders (each read is audited at the centre). `reassign` and `review` answer a readable failure reason, or null when done; on success
 * the lists are updated in place (the reassigned row moves to its new agent, the reviewed
 * correction leaves the to-review list).
 */
export function useTeamData(team: string) {
  const [data, setData] = useState<TeamData>({ cases: null, corrections: null, callbacks: null, roster: [], error: null });

  const reload = useCallback(async () => {
    const c = huifang().center;
    const [cases, corrections, callbacks, roster] = await Promise.all([
      c.teamCases({ team }).then((r) => answerOf(r, (v) => v.cases)),
      c.teamPhoneCorrections({ team }).then((r) => answerOf(r, (v) => v.corrections.items)),
      c.teamCallbacks({ team }).then((r) => answerOf(r, (v) => v.callbacks)),
      c.roster({}).then((r) => answerOf(r, (v) => v.roster.members)),
    ]);
    const failed = [cases, corrections, callbacks, roster].find((a) => !a.ok);
    setData((d) => ({
      cases: cases.ok ? cases.value : d.cases,
      corrections: corrections.ok ? corrections.value : d.corrections,
      callbacks: callbacks.ok ? callbacks.value : d.callbacks,
      roster: roster.ok ? roster.value : d.roster,
      error: failed && !failed.ok ? failed.reason : null,
    }));
  }, [team]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const reassign = useCallback(async (policyNo: string, toStaffNo: string): Promise<string | null> => {
    const a = answerOf(await huifang().center.reassign({ policyNo, toStaffNo }), (v) => v.result);
    if (!a.ok) return a.reason;
    // As the centre stores it: the new holder, and a case not yet worked becomes 'assigned'.
    const moved = (c: TeamCase): TeamCase => ({ ...c, assignedTo: a.value.assignedTo, status: c.status === 'in_progress' ? 'in_progress' : 'assigned' });
    setData((d) => ({ ...d, cases: d.cases?.map((c) => (c.policyNo === policyNo ? moved(c) : c)) ?? null }));
    return null;
  }, []);

  const review = useCallback(async (id: string, decision: 'accepted' | 'rejected', note: string): Promise<string | null> => {
    const trimmed = note.trim();
    const r = await huifang().center.reviewPhoneCorrection(trimmed ? { id, decision, note: trimmed } : { id, decision });
    const a = answerOf(r, () => true);
    if (!a.ok) return a.reason;
    setData((d) => ({ ...d, corrections: d.corrections?.filter((c) => c.id !== id) ?? null }));
    return null;
  }, []);

  return { data, reload, reassign, review };
}
