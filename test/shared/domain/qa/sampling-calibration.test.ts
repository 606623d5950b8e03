import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING_RULES, isoWeek, samplingRuleProblems, selectForEvaluation, type SampledCall } from '../../../../shared/domain/qa/sampling';
import { calibrationSpread, type CalibrationEntry } from '../../../../shared/domain/qa/calibration';

const call = (sessionId: string, over: Partial<SampledCall> = {}): SampledCall => ({
  sessionId,
  agentId: '1001',
  day: '2026-03-10',
  outcome: 'standard',
  overridden: false,
  gapCount: 0,
  ...over,
});
const none = { ...DEFAULT_SAMPLING_RULES, percentOfRest: 0, minPerAgentPerMonth: 0 };

describe('sampling at the centre: which calls need an evaluation', () => {
  it('every 问题件, every overridden result and every recording with gaps, with the reasons (docs/domain.md §6, §9)', () => {
    const got = selectForEvaluation([call('s1', { outcome: 'problem', gapCount: 2 }), call('s2', { overridden: true }), call('s3')], none);
    expect(got).toEqual([
      { sessionId: 's1', reasons: ['problem', 'gaps'] },
      { sessionId: 's2', reasons: ['overridden'] },
    ]);
  });

  it('x % of the rest per agent per ISO week, rounded up, and the same calls at every look', () => {
    const week = Array.from({ length: 40 }, (_, i) => call(`w${i}`, { day: `2026-03-${String(9 + (i % 5)).padStart(2, '0')}` }));
    const other = Array.from({ length: 10 }, (_, i) => call(`o${i}`, { agentId: '1002' }));
    const rules = { ...none, percentOfRest: 10 };
    const got = selectForEvaluation([...week, ...other], rules);
    expect(got.filter((d) => d.sessionId.startsWith('w'))).toHaveLength(4);
    expect(got.filter((d) => d.sessionId.startsWith('o'))).toHaveLength(1);
    expect(got.every((d) => d.reasons.join() === 'weekly_share')).toBe(true);
    expect(
      selectForEvaluation([...other, ...week].reverse(), rules)
        .map((d) => d.sessionId)
        .sort(),
    ).toEqual(got.map((d) => d.sessionId).sort());
  });

  it('at least n per agent per month: the minimum tops up what the other rules chose', () => {
    const month = Array.from({ length: 6 }, (_, i) =>
      call(`m${i}`, { day: `2026-03-${String(2 + i * 4).padStart(2, '0')}`, outcome: i === 0 ? 'problem' : 'standard' }),
    );
    const got = selectForEvaluation(month, { ...none, minPerAgentPerMonth: 3 });
    expect(got).toHaveLength(3);
    expect(got.filter((d) => d.reasons.includes('monthly_minimum'))).toHaveLength(2);
  });

  it('ISO weeks: 2026-01-01 is in 2026-W01, 2027-01-01 in 2026-W53, a Monday starts a week', () => {
    expect([isoWeek('2026-01-01'), isoWeek('2027-01-01'), isoWeek('2026-03-08'), isoWeek('2026-03-09')]).toEqual([
      '2026-W01',
      '2026-W53',
      '2026-W10',
      '2026-W11',
    ]);
  });

  it('bad rules are named', () => {
    expect(samplingRuleProblems({ ...none, percentOfRest: 120, minPerAgentPerMonth: 1.5 })).toEqual([
      'percentOfRest 120: 0–100',
      'minPerAgentPerMonth 1.5: a whole number 0–1000',
    ]);
  });
});

describe('calibration: spread per item and per reviewer against the lead reference', () => {
  const e = (sessionId: string, evaluator: string, score: number, verdicts: CalibrationEntry['verdicts']): CalibrationEntry => ({
    sessionId,
    evaluator,
    score,
    passed: !Object.values(verdicts).includes('fail'),
    verdicts,
  });
  it('disagreements with the lead are counted per item and per reviewer; calls without a reference are named', () => {
    const spread = calibrationSpread(
      [
        e('c1', '2001', 90, { identity: 'pass', pace: 'fail' }),
        e('c1', '3001', 100, { identity: 'pass', pace: 'pass' }),
        e('c1', '3002', 90, { identity: 'pass', pace: 'fail' }),
        e('c2', '3001', 80, { identity: 'pass', pace: 'pass' }),
      ],
      '2001',
    );
    expect(spread.items).toEqual([
      { itemId: 'identity', compared: 2, disagreements: 0, spread: 0 },
      { itemId: 'pace', compared: 2, disagreements: 1, spread: 0.5 },
    ]);
    expect(spread.reviewers).toEqual([
      { evaluator: '3001', calls: 1, agreement: 0.5, meanScoreDelta: 10, outcomeMismatches: 1 },
      { evaluator: '3002', calls: 1, agreement: 1, meanScoreDelta: 0, outcomeMismatches: 0 },
    ]);
    expect(spread.withoutReference).toEqual(['c2']);
  });
});
