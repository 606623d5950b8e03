/**
 * Cases of the training line (培训线路): practice policies whose policyholders are simulated
 * customers. They live on one desk only — never imported, never pushed, never archived — so a
 * practice call cannot reach real statistics (README "The training line"). Their policy numbers
 * carry a reserved prefix that a real list cannot use (`policyNoSchema` has no room for a clash
 * check at the centre, so the prefix itself is the mark every layer tests).
 */

import { addDays, type IsoDate } from './calendar/iso-date';
import type { PolicyCase } from './case';
import { makeCase } from './fixtures';

/** Reserved prefix of training policy numbers (`TRAIN-1` …). */
export const TRAINING_POLICY_PREFIX = 'TRAIN-';

/** True for a training case's policy number. */
export function isTrainingPolicy(policyNo: string | null | undefined): boolean {
  return typeof policyNo === 'string' && policyNo.startsWith(TRAINING_POLICY_PREFIX);
}

const SURNAMES = ['张', '王', '李', '赵', '刘', '陈'];

/** What a training case is made from: its number in the list (1…), the persona's phone and gender. */
export interface TrainingCaseSeed {
  readonly index: number;
  readonly phone: string;
  /** The script says 先生 or 女士 by it: it must match the simulated voice's story. */
  readonly gender: 'male' | 'female';
}

/**
 * A practice policy signed a few days ago (the cooling-off period runs, so the visit is due), a
 * regular-premium traditional life product: every regulatory question of the default script that
 * a newcomer meets most often applies.
 */
export function trainingPolicyCase(seed: TrainingCaseSeed, today: IsoDate): PolicyCase {
  const application = addDays(today, -6);
  return makeCase({
    policyNo: `${TRAINING_POLICY_PREFIX}${seed.index}`,
    policyholder: { name: `${SURNAMES[(seed.index - 1) % SURNAMES.length]}测试`, gender: seed.gender, phones: [seed.phone] },
    premium: { nextDueDate: addDays(application, 365) },
    dates: {
      application,
      underwriting: addDays(application, 1),
      print: addDays(application, 1),
      receiptSigned: addDays(application, 3),
      receiptEntered: addDays(application, 4),
      receiptWrittenOff: addDays(application, 4),
    },
  });
}
