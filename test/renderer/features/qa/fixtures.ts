import type { QaEvaluationView } from '../../../../shared/sync/qa-answers';

const ITEMS = ['identity', 'signed_personally', 'cooling_off', 'greeting', 'identity_first', 'pace', 'closing'];

/** An evaluation of agent 1001's call as the centre answers it, `pace` failed unless changed. */
export function evaluation(over: Partial<QaEvaluationView> = {}): QaEvaluationView {
  return {
    id: 'ev-1',
    sessionId: 'sess-0001',
    policyNo: 'P2026000123',
    agentId: '1001',
    team: 'A',
    formId: 'new-policy-qa',
    formVersion: 1,
    evaluator: '3001',
    verdicts: ITEMS.map((itemId) => ({ itemId, verdict: itemId === 'pace' ? 'fail' : 'pass' })),
    score: 92.5,
    passed: true,
    fatalFailures: [],
    state: 'submitted',
    createdAt: '2026-03-10T02:00:00.000Z',
    acknowledgedAt: null,
    dispute: null,
    resolution: null,
    supersedes: null,
    current: true,
    ...over,
  };
}

export const ok = <T>(value: T) => ({ kind: 'ok' as const, value });
