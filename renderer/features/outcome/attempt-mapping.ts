import type { AttemptOutcome as DomainAttempt } from '../../../shared/domain/outcome/attempt-outcome';
import type { SyncAttemptOutcome } from '../../../shared/sync';
import type { AttemptResult } from '../softphone/softphone-api';
import { messages } from '../../i18n/messages';

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
export const SYNC_ATTEMPT: Readonly<Record<DomainAttempt, SyncAttemptOutcome>> = {
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
  { key: '1', outcome: 'no_answer', label: messages.outcome.unreachedChoices.no_answer },
  { key: '2', outcome: 'busy', label: messages.outcome.unreachedChoices.busy },
  { key: '3', outcome: 'switched_off', label: messages.outcome.unreachedChoices.switched_off },
  { key: '4', outcome: 'wrong_number', label: messages.outcome.unreachedChoices.wrong_number },
  { key: '5', outcome: 'disconnected', label: messages.outcome.unreachedChoices.disconnected },
  { key: '6', outcome: 'refused', label: messages.outcome.unreachedChoices.refused },
  { key: '7', outcome: 'network', label: messages.outcome.unreachedChoices.network },
];
