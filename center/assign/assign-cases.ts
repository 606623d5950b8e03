import { sql } from 'kysely';
import type { Store } from '../store/open-store';
import { changeFeedTransaction } from '../store/changes-repo';
import { assignInTrx } from '../store/cases-repo';
import { QUEUE_STATUSES } from '../store/case-row';
import { audit } from '../store/audit-repo';
import { toNum } from '../store/to-num';

/** Why a case stayed unassigned. */
export type UnassignedReason = 'no_agent_in_team' | 'no_agent_with_language' | 'team_at_capacity';

export interface AssignOptions {
  /** Most open cases one agent may hold. */
  readonly capacity: number;
  readonly actor: string;
  /** Restrict to one team (a team lead's run). */
  readonly team?: string;
}

export interface AssignOutcome {
  readonly assigned: { policyNo: string; staffNo: string }[];
  readonly unassigned: { policyNo: string; reason: UnassignedReason }[];
  readonly touched: string[];
}

interface Agent {
  staffNo: string;
  team: string;
  languages: string[];
  load: number;
}

/**
 * Hands waiting cases (pending or returned) to agents: same team, speaking the case's language
 * (dialect cases only to agents who speak it), least-loaded first, never over `capacity`.
 * Cases are taken in priority order (see `casePriority`), so verification and returned work and
 * escalated cases are placed before new ones when capacity is short.
 */
export async function assignCases(store: Store, options: AssignOptions): Promise<AssignOutcome> {
  const db = store.db;
  let agentsQ = db.selectFrom('users').select(['staff_no', 'team', 'languages']).where('role', '=', 'agent').where('active', '=', 1);
  if (options.team) agentsQ = agentsQ.where('team', '=', options.team);
  const agentRows = await agentsQ.orderBy('staff_no').execute();
  const loads = await db
    .selectFrom('cases')
    .select(['assigned_to', sql<string | number>`count(*)`.as('n')])
    .where('status', 'in', QUEUE_STATUSES)
    .where('assigned_to', 'is not', null)
    .groupBy('assigned_to')
    .execute();
  const loadOf = new Map(loads.map((r) => [r.assigned_to as string, toNum(r.n)]));
  const agents: Agent[] = agentRows.map((a) => ({
    staffNo: a.staff_no,
    team: a.team,
    languages: JSON.parse(a.languages) as string[],
    load: loadOf.get(a.staff_no) ?? 0,
  }));

  let casesQ = db.selectFrom('cases').select(['policy_no', 'team', 'language', 'status', 'assigned_to']).where('status', 'in', ['pending', 'returned']);
  if (options.team) casesQ = casesQ.where('team', '=', options.team);
  const waiting = await casesQ.orderBy('priority').orderBy('deadline').orderBy('policy_no').execute();

  const plan: { row: (typeof waiting)[number]; agent: Agent }[] = [];
  const unassigned: AssignOutcome['unassigned'] = [];
  for (const row of waiting) {
    const inTeam = agents.filter((a) => a.team === row.team);
    if (inTeam.length === 0) {
      unassigned.push({ policyNo: row.policy_no, reason: 'no_agent_in_team' });
      continue;
    }
    const speakers = inTeam.filter((a) => a.languages.includes(row.language));
    if (speakers.length === 0) {
      unassigned.push({ policyNo: row.policy_no, reason: 'no_agent_with_language' });
      continue;
    }
    let best: Agent | undefined;
    for (const a of speakers) if (a.load < options.capacity && (!best || a.load < best.load)) best = a;
    if (!best) {
      unassigned.push({ policyNo: row.policy_no, reason: 'team_at_capacity' });
      continue;
    }
    best.load++;
    plan.push({ row, agent: best });
  }

  const touched = new Set<string>();
  const assigned: AssignOutcome['assigned'] = [];
  for (let i = 0; i < plan.length; i += 200) {
    const chunk = plan.slice(i, i + 200);
    await changeFeedTransaction(store, async (trx) => {
      for (const { row, agent } of chunk) {
        // Re-check inside the transaction: a concurrent import or close may have moved it.
        const fresh = await trx.selectFrom('cases').select(['status', 'assigned_to']).where('policy_no', '=', row.policy_no).executeTakeFirst();
        if (!fresh || (fresh.status !== 'pending' && fresh.status !== 'returned')) continue;
        for (const t of await assignInTrx(
          trx,
          { policy_no: row.policy_no, status: fresh.status, assigned_to: fresh.assigned_to },
          agent.staffNo,
          options.actor,
        ))
          touched.add(t);
        assigned.push({ policyNo: row.policy_no, staffNo: agent.staffNo });
      }
    });
  }
  await audit(db, {
    actor: options.actor,
    action: 'assign.run',
    detail: { team: options.team ?? null, assigned: assigned.length, unassigned: unassigned.length },
  });
  return { assigned, unassigned, touched: [...touched] };
}
