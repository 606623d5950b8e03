import { ANSWER_LABELS, type Answer } from '../../../shared/domain/script/answer';
import { availableActions } from '../../../shared/domain/script/script-engine';
import type { AvailableActions } from '../../../shared/domain/script/script-selectors';
import type { ScriptState } from '../../../shared/domain/script/script-state';
import { messages } from '../../i18n/messages';
import { KEY_OF_ANSWER } from './wizard-keys';

/*
 * The script's key hints name exactly the keys the current step takes: the identity question takes
 * only 1 是 (every other reaction is a branch), so a hint offering 1–4 there misleads the agent.
 */

/** "1 是 · 2 否": the answer keys of a step. */
function keyList(answers: readonly Answer[]): string {
  return messages.wizard.answerKeys(answers.map((a) => messages.wizard.answerKey(KEY_OF_ANSWER[a], ANSWER_LABELS[a])));
}

/** Enter without an answer: the keys this step takes, and the branches if it has any. */
export function needAnswerHint(script: ScriptState): string {
  const taken = availableActions(script);
  return messages.wizard.needAnswer(keyList(taken.answers), taken.branches.length > 0);
}

/** A number key this step does not take: which keys do. */
export function keyNotHereHint(key: string, taken: AvailableActions): string {
  return messages.wizard.keyNotHere(key, keyList(taken.answers), taken.branches.length > 0);
}
