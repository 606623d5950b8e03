import type { LatestResult } from '../../data/case-history';
import { messages } from '../../i18n/messages';
import type { ExpectedOutcome, Persona } from './personas';

/** Whether the agent reached the outcome the persona implies, and both said in words. */
export interface PracticeVerdict {
  readonly reached: boolean;
  readonly text: string;
}

const t = messages.training;
const category = (code: string | null) => (code ? (messages.outcome.categories[code] ?? code) : '—');
const attempt = (code: string | null) => (code ? ((messages.review.attempts as Record<string, string>)[code] ?? code) : '—');

function describeExpected(e: ExpectedOutcome): string {
  if (e.decision === 'final') return category(e.category);
  const base = t.verdict.interim(attempt(e.attempt));
  return e.callback ? t.verdict.withCallback(base) : base;
}

function describeActual(r: LatestResult): string {
  if (r.attemptDetail === 'completed') return category(r.classification);
  const base = t.verdict.interim(attempt(r.attemptDetail));
  return r.callbackBooked ? t.verdict.withCallback(base) : base;
}

/**
 * Compares the practice call with the persona's expected outcome (docs/domain.md §6): a final
 * result must have the category and at least the expected kinds; an interim one the attempt
 * outcome, and a booked callback exactly when the persona asked for one.
 */
export function practiceVerdict(persona: Persona, r: LatestResult): PracticeVerdict {
  const e = persona.expected;
  const reached =
    e.decision === 'final'
      ? r.attemptDetail === 'completed' && r.classification === e.category && e.kinds.every((k) => r.kinds.includes(k))
      : r.attemptDetail === e.attempt && r.callbackBooked === e.callback;
  const expected = describeExpected(e);
  const said = reached ? t.verdict.metAs(expected) : t.verdict.missed(expected, describeActual(r));
  return { reached, text: t.verdict.about(t.personas[persona.id], said) };
}
