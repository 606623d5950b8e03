import { makeCase } from '../../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT, initScript } from '../../../../shared/domain/script';
import { DEFAULT_QA_FORM } from '../../../../shared/domain/qa/default-qa-form';
import { appliedStepIds, generateForm } from '../../../../shared/domain/qa/qa-form';
import { runCall } from '../../../shared/domain/qa/call-facts';
import { sampleSession, T0 } from './fixtures';

/** The default QA form as the centre generates it for the sample case. */
export const QA_FORM = generateForm(DEFAULT_QA_FORM, DEFAULT_SCRIPT, appliedStepIds(DEFAULT_SCRIPT, makeCase()));

const facts = runCall(initScript(DEFAULT_SCRIPT, makeCase(), '2026-03-10T02:00:00.000Z'));
const shift = T0 + 3000 - facts.markers[0]!.at + 7000;

/** A recorded call that went through the default script to its end: its answers and markers, no recording gaps. */
export const SCRIPTED_SESSION = sampleSession({
  scriptVersion: DEFAULT_SCRIPT.version,
  answers: facts.answers,
  markers: facts.markers.map((m) => ({ ...m, at: m.at + shift })),
  recording: { ...sampleSession().recording, gaps: [], manifest: { ...sampleSession().recording.manifest!, gaps: [] } },
});
