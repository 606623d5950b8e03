import type { AttemptOutcome as DomainAttempt } from '../../../shared/domain/outcome/attempt-outcome';
import type { AttemptOutcome as SyncAttempt } from '../../data/records';
import type { AttemptResult } from '../softphone/softphone-api';

/** The softphone's dial result → the domain core's attempt outcome (null: not an attempt, e.g. the agent cancelled). */
export const DIAL_RESULT_ATTEMPT: Readonly<Record<AttemptResult, DomainAttempt | null>> = {
  wrong_number: 'wrong_number',
  unavailable: 'switched_off',
  busy: 'busy',
  declined: 'refused',
  no_answer: 'no_answer',
  network: 'network',
  cancelled: null,
};

/**
 * The domain core's attempt outcome → the sync protocol's coarser attempt outcome. The exact
 * domain outcome also goes into the pushed note so the centre loses nothing.
 */
export const SYNC_ATTEMPT: Readonly<Record<DomainAttempt, SyncAttempt>> = {
  no_answer: 'no_answer',
  switched_off: 'no_answer',
  unavailable: 'callback_booked',
  network: 'hung_up',
  busy: 'busy',
  wrong_number: 'wrong_number',
  disconnected: 'wrong_number',
  no_such_person: 'wrong_number',
  switchboard: 'wrong_number',
  refused: 'refused',
  declined: 'refused',
  not_policyholder: 'not_policyholder',
  language_barrier: 'hung_up',
  hard_of_hearing: 'hung_up',
  policy_data_wrong: 'wrong_number',
  contract_not_received: 'hung_up',
};

/** Unreached outcomes the agent can pick after a failed dial (key = digit). */
export const UNREACHED_CHOICES: readonly { key: string; outcome: DomainAttempt; label: string }[] = [
  { key: '1', outcome: 'no_answer', label: '无人接听' },
  { key: '2', outcome: 'busy', label: '占线' },
  { key: '3', outcome: 'switched_off', label: '关机/无法接通' },
  { key: '4', outcome: 'wrong_number', label: '号码错误' },
  { key: '5', outcome: 'disconnected', label: '空号/停机' },
  { key: '6', outcome: 'refused', label: '拒接' },
  { key: '7', outcome: 'network', label: '线路故障' },
];
