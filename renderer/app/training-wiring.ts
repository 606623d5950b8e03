import { isTrainingPolicy, trainingPolicyCase } from '../../shared/domain/training-cases';
import { wallTimeAt } from '../../shared/domain/zoned-time';
import { readLatestResult } from '../data/case-history';
import type { HuifangDb } from '../data/huifang-db';
import { readSetting } from '../data/settings-repo';
import { removeTrainingCases, seedTrainingCases } from '../data/training-cases';
import { getSoftphone, trainOn } from '../features/softphone/softphone-instance';
import { useSoftphoneStore } from '../features/softphone/softphone-store';
import { PERSONAS, personaByPhone } from '../features/training/personas';
import { createTrainingLine, type TrainingCue, type TrainingCues } from '../features/training/training-line';
import { practiceVerdict } from '../features/training/practice-verdict';
import { useVisitStore } from '../features/visit/visit-store';
import { useWizardStore } from '../features/wizard/wizard-store';
import { messages } from '../i18n/messages';

/** How often the desk re-reads whether an administrator put this agent on the training line. */
const PREFERENCE_POLL_MS = 15_000;
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈'];

/**
 * The step the agent is reading, as the simulated customer hears it: a new cue on every new
 * prompt (next step, explanation, a branch that stays on the step). The wizard and the training
 * line meet only here.
 */
function wizardCues(): TrainingCues {
  let seq = 0;
  let lastKey = '';
  let cue: TrainingCue | null = null;
  const compute = () => {
    const s = useWizardStore.getState().script;
    const step = s && (s.phase === 'asking' || s.phase === 'explaining') ? s.steps[s.index] : null;
    if (!s || !step || (s.phase !== 'asking' && s.phase !== 'explaining')) {
      cue = null;
      lastKey = '';
      return;
    }
    const key = `${step.id}|${s.phase}|${s.log.length}`;
    if (key !== lastKey) {
      lastKey = key;
      cue = { stepId: step.id, phase: s.phase, seq: ++seq };
    }
  };
  return {
    current: () => (compute(), cue),
    subscribe: (listener) =>
      useWizardStore.subscribe(() => {
        compute();
        listener();
      }),
  };
}

let wired = false;

/**
 * Builds the training line and hands its transport to the softphone (before the softphone starts).
 * Once per window: the softphone is one per window too, and keeps the first line it was given.
 */
export function wireTrainingLine(): void {
  if (wired) return;
  wired = true;
  const line = createTrainingLine({ cues: wizardCues() });
  trainOn(() => line);
}

/** One practice case per persona, dated so that the cooling-off period runs today. */
function practicePolicies(now: Date) {
  const today = wallTimeAt(now, 'Asia/Shanghai').date;
  return PERSONAS.map((p, i) => trainingPolicyCase({ index: i + 1, phone: p.phone, surname: SURNAMES[i % SURNAMES.length] }, today));
}

/**
 * Practice at one signed-in desk: on the training line the queue holds the practice cases (fresh
 * each time), on a real line none; follows the administrator's list of agents on practice; after
 * a practice visit says whether the agent reached the outcome the persona implies.
 */
export function startPractice(db: HuifangDb, staffNo: string, reloadQueue: () => void): () => void {
  let applied: string | null = null;
  const follow = (line: string) => {
    if (line === applied) return;
    applied = line;
    const change = line === 'training' ? seedTrainingCases(db, practicePolicies(new Date())) : removeTrainingCases(db);
    void change.then(reloadQueue, (err: unknown) => console.warn('practice cases could not be updated', err));
  };
  follow(useSoftphoneStore.getState().line);
  const offLine = useSoftphoneStore.subscribe((s) => follow(s.line));
  const checkPreference = () =>
    void readSetting(db, 'trainingAgents').then(
      (agents) => getSoftphone().setTrainingPreferred(agents.includes(staffNo)),
      () => undefined,
    );
  checkPreference();
  const timer = setInterval(checkPreference, PREFERENCE_POLL_MS);
  const offVisit = useVisitStore.subscribe((s, prev) => {
    // A practice visit left the outcome screen (finished, or an unreached attempt recorded).
    const policyNo = prev.policyNo;
    if (!policyNo || !isTrainingPolicy(policyNo) || s.policyNo === policyNo || prev.phase === 'queue' || prev.phase === 'case') return;
    const number = prev.call?.number ?? null;
    const persona = number ? personaByPhone(number) : null;
    if (!persona) return;
    void readLatestResult(db, policyNo).then((result) => {
      const verdict = practiceVerdict(persona, result);
      const text = verdict.reached ? messages.training.verdictReached(verdict.expectedText) : messages.training.verdictMissed(verdict.expectedText, verdict.actualText);
      useSoftphoneStore.getState().dispatch({ type: 'notice', level: verdict.reached ? 'info' : 'warning', text, at: Date.now() });
    });
  });
  return () => {
    offLine();
    offVisit();
    clearInterval(timer);
  };
}
