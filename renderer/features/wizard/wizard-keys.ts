import type { Answer } from '../../../shared/domain/script/answer';
import type { BranchCode } from '../../../shared/domain/script/script-definition';

/** Answer keys: 1 是, 2 否, 3 不清楚, 4 拒答. */
export const ANSWER_KEYS: Readonly<Record<string, Answer>> = { '1': 'yes', '2': 'no', '3': 'unclear', '4': 'refused' };

/** The key shown for an answer. */
export const KEY_OF_ANSWER: Readonly<Record<Answer, string>> = { yes: '1', no: '2', unclear: '3', refused: '4' };

/** Alt+letter for each branch (the letter is shown on the button). */
export const BRANCH_KEYS: Readonly<Record<BranchCode, string>> = {
  who_is_calling: 'W',
  not_policyholder: 'N',
  no_such_person: 'X',
  identity_mismatch: 'I',
  authorised_family: 'A',
  busy: 'B',
  driving_or_meeting: 'D',
  what_for: 'Q',
  denies_purchase: 'F',
  unwilling: 'U',
  declines_knows_rights: 'R',
};
