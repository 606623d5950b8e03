import { sampleKeys } from '../../../center/qa/sample-keys';

/**
 * A synthetic archive for QA sampling (the benchmark and the rule tests): `n` archived calls spread
 * over two months by `agents` agents in 20 teams, each with its check facts and pushed result (as
 * the centre writes them), about 1 in 12 a 问题件, 1 in 40 with the agent's override, 1 in 50 with
 * recording gaps. Generated, so a million rows are never held at once.
 */
const pad = (x: number, w: number) => String(x).padStart(w, '0');
const DAYS = 59; // 2026-03-01 … 2026-04-28

/** The tables a sampled call lives in. */
export type SampledTable = 'archived_sessions' | 'session_check_facts' | 'result_checks';

export const SAMPLING_PERIOD = { from: '2026-03-01', to: '2026-04-30' } as const;

export function* samplingRows(n: number, agents = 3000): Generator<readonly [SampledTable, Record<string, unknown>]> {
  const start = Date.parse('2026-03-01T01:00:00.000Z');
  for (let i = 0; i < n; i++) {
    const sessionId = `sess-${pad(i, 9)}`;
    const agent = String(10000 + (i % agents));
    const team = `T${i % 20}`;
    // Spread over the days and the working hours (01:00–09:00 UTC, 09:00–17:00 in China).
    const createdAt = new Date(start + (i % DAYS) * 86_400_000 + ((i * 7919) % 28_800) * 1000).toISOString();
    const policyNo = `P${pad(i, 12)}`;
    const override = i % 40 === 11 ? ',"override":{"to":"standard","reason":"客户已理解"}' : '';
    const outcome = i % 12 === 5 ? 'problem' : i % 12 === 7 ? 'substandard' : 'standard';
    yield [
      'archived_sessions',
      {
        session_id: sessionId,
        agent_id: agent,
        case_id: policyNo,
        team,
        created_at: createdAt,
        ended_at: createdAt,
        outcome,
        kinds: '[]',
        recording_sha256: null,
        recording_bytes: 300_000,
        blob_key: `blobs/${sessionId}`,
        wrapped_key: 'w',
        session_sealed: 's',
        manifest: null,
        archived_at: createdAt,
        recording_state: 'finalised',
        recovered: 0,
        gap_count: i % 50 === 3 ? 1 : 0,
        legal_hold: 0,
        contract_end: null,
        retain_until: null,
        retention_basis: 'call',
        purged_at: null,
        purge_reason: null,
        ...sampleKeys(sessionId, createdAt),
        // As the archive and the result check write them (migration 0028).
        qa_scorable: 1,
        qa_overridden: override ? 1 : 0,
      },
    ];
    yield ['session_check_facts', { session_id: sessionId, policy_no: policyNo, agent_id: agent, facts: '{}', archived_at: createdAt }];
    yield [
      'result_checks',
      {
        result_item_id: `r-${pad(i, 9)}`,
        policy_no: policyNo,
        agent_id: agent,
        team,
        session_id: sessionId,
        pushed: `{"policyNo":"${policyNo}","outcome":"${outcome}"${override}}`,
        pushed_at: createdAt,
        state: 'checked',
        checked_at: createdAt,
        derived: null,
      },
    ];
  }
}
