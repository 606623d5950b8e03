import { isTrainingPolicy, TRAINING_POLICY_PREFIX, trainingPolicyCase } from '../../shared/domain/training-cases';
import { wallTimeAt } from '../../shared/domain/zoned-time';
import { readLatestResult } from '../data/case-history';
import type { HuifangDb } from '../data/huifang-db';
import { readSetting } from '../data/settings-repo';
import { removeTrainingCases, seedTrainingCases } from '../data/training-cases';
import { getSoftphone, trainOn } from '../features/softphone/softphone-instance';
import { useSoftphoneStore } from '../features/softphone/softphone-store';
import { useCaptionStore } from '../features/training/caption-store';
import { PERSONAS } from '../features/training/personas';
import { createTrainingLine, type TrainingCue, type TrainingCues } from '../features/training/training-line';
import { practiceVerdict } from '../features/training/practice-verdict';
import { useVisitStore } from '../features/visit/visit-store';
import { useWizardStore } from '../features/wizard/wizard-store';

/** How often the desk re-reads whether an administrator put this agent on the training line. */
const PREFERENCE_POLL_MS = 15_000;

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
      // The customer waits about as long as reading the prompt takes (placeholders count roughly).
      const text = s.phase === 'explaining' && step.explanation ? `${step.explanation}${step.text}` : step.text;
      cue = { stepId: step.id, phase: s.phase, seq: ++seq, text };
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
  line.said?.((said) => useCaptionStore.getState().add(said));
  trainOn(() => line);
}

/** The persona a practice case was made for (`TRAIN-<n>` is the n-th persona). */
function personaOfCase(policyNo: string) {
  return PERSONAS[Number(policyNo.slice(TRAINING_POLICY_PREFIX.length)) - 1] ?? null;
}

/** One practice case per persona, dated so that the cooling-off period runs today. */
function practicePolicies(now: Date) {
  const today = wallTimeAt(now, 'Asia/Shanghai').date;
  return PERSONAS.map((p, i) => trainingPolicyCase({ index: i + 1, phone: p.phone, gender: p.policyholderGender }, today));
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
    const now = new Date();
    const change = line === 'training' ? seedTrainingCases(db, practicePolicies(now), now, wallTimeAt(now, 'Asia/Shanghai').date) : removeTrainingCases(db);
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
  const offVisit = useVisitStore.subscribe(({ visit: s }, { visit: prev }) => {
    if (s.phase === 'placing' && prev.phase !== 'placing') useCaptionStore.getState().clear();
    // A practice visit left the workflow (finished, or an attempt recorded): say how it went.
    const policyNo = prev.policyNo;
    if (!policyNo || !isTrainingPolicy(policyNo) || s.policyNo === policyNo || prev.phase === 'queue' || prev.phase === 'case') return;
    const persona = personaOfCase(policyNo);
    if (!persona) return;
    void readLatestResult(db, policyNo).then((result) => {
      const verdict = practiceVerdict(persona, result);
      useSoftphoneStore.getState().dispatch({ type: 'notice', level: verdict.reached ? 'info' : 'warning', text: verdict.text, at: Date.now() });
    });
  });
  return () => {
    offLine();
    offVisit();
    clearInterval(timer);
  };
}
