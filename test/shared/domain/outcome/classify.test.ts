import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import {
  ALTERNATIVE_SCHEME,
  ATTEMPT_OUTCOMES,
  classify,
  classifyUnreached,
  DEFAULT_SCHEME,
  verificationKindForAttempts,
  type OutcomeScheme,
} from '../../../../shared/domain/outcome';
import { currentQuestion, DEFAULT_SCRIPT, initScript, scriptReducer, type Answer, type ScriptState } from '../../../../shared/domain/script';
import type { PolicyCase } from '../../../../shared/domain/case';

let t = 0;
const at = () => `2026-03-10T02:00:${String(t++ % 60).padStart(2, '0')}.000Z`;

/** Runs the default script answering `first` (and `after` on re-ask) for the named steps, 是 elsewhere. */
function call(c: PolicyCase, answers: Record<string, [Answer] | [Answer, Answer]> = {}): ScriptState {
  let s = scriptReducer(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start', at: at() });
  for (let guard = 0; guard < 100 && (s.phase === 'asking' || s.phase === 'explaining'); guard++) {
    const step = currentQuestion(s)!;
    if (step.kind === 'statement') {
      s = scriptReducer(s, { type: 'acknowledge', at: at() });
      continue;
    }
    const plan = answers[step.id];
    const answer = s.phase === 'explaining' ? (plan?.[1] ?? 'yes') : (plan?.[0] ?? 'yes');
    s = scriptReducer(s, { type: 'answer', at: at(), answer });
  }
  return s;
}

const c = makeCase({ branch: { code: 'B042', name: '测试分公司' } });

describe('outcome classification, default scheme (docs/domain.md §6)', () => {
  it('standard: every mandatory item 是 from the policyholder; no follow-up (Shandong rule, docs/domain.md §11)', () => {
    const r = classify(call(c).result!, c);
    expect(r).toMatchObject({ category: 'standard', kinds: [], followUp: null });
    expect(r.categoryLabel.zh).toBe('标准件');
  });

  it('substandard: a doubt cleared on the line (已纠正) → 次标准件 with its kind', () => {
    const r = classify(call(c, { cooling_off: ['unclear', 'yes'] }).result!, c);
    expect(r.category).toBe('substandard');
    expect(r.kinds.map((k) => k.code)).toEqual(['sub_cooling_off_surrender']);
    expect(r.followUp).toMatchObject({ workOrderKind: 'substandard_notice', owner: { branchCode: 'B042' } });
  });

  it('the six substandard kinds come from their topics', () => {
    const dividend = makeCase({ product: { design: 'dividend' } });
    expect(
      classify(
        call(dividend, { insurance_nature: ['no', 'yes'], coverage: ['unclear', 'yes'], payment: ['no', 'yes'], dividend: ['unclear', 'yes'] }).result!,
        dividend,
      ).kinds.map((k) => k.code),
    ).toEqual(['sub_not_insurance', 'sub_risk_coverage', 'sub_payment_term', 'sub_non_guaranteed']);
    const universal = makeCase({ product: { design: 'universal' } });
    expect(classify(call(universal, { universal_fees: ['unclear', 'yes'] }).result!, universal).kinds.map((k) => k.code)).toEqual(['sub_universal_fees']);
  });

  it('problem: a doubt not cleared (未纠正) → suspected mis-selling, 15 working days, not the seller (基本服务规定 第18条)', () => {
    const r = classify(call(c, { surrender_loss: ['no', 'unclear'] }).result!, c);
    expect(r.category).toBe('problem');
    expect(r.kinds.map((k) => k.code)).toEqual(['mis_cooling_off_surrender']);
    expect(r.followUp).toEqual({
      workOrderKind: 'mis_selling_resolution',
      owner: { branchCode: 'B042', branchName: '测试分公司' },
      deadlineWorkingDays: 15,
      sellerMayHandle: false,
    });
  });

  it('problem: signed by someone else → forged signature; cannot remember → communication (docs/domain.md §6)', () => {
    expect(classify(call(c, { signature: ['no'] }).result!, c).kinds.map((k) => k.code)).toEqual(['forged_signature']);
    const unsure = classify(call(c, { signature: ['unclear'] }).result!, c);
    expect(unsure.kinds.map((k) => k.code)).toEqual(['communication']);
    expect(unsure.followUp).toMatchObject({ workOrderKind: 'problem_explanation', deadlineWorkingDays: 3, sellerMayHandle: false });
  });

  it('problem outranks substandard; the most severe kind sets the follow-up', () => {
    const r = classify(call(c, { insurance_nature: ['no', 'yes'], signature: ['unclear'], coverage: ['no', 'no'] }).result!, c);
    expect(r.category).toBe('problem');
    expect(r.kinds.map((k) => k.code)).toEqual(['sub_not_insurance', 'communication', 'mis_risk_coverage']);
    expect(r.followUp?.workOrderKind).toBe('mis_selling_resolution');
  });

  it('contract not received → verification, revisit after delivery (docs/domain.md §6)', () => {
    const r = classify(call(c, { receipt: ['no'] }).result!, c);
    expect(r.category).toBe('verification');
    expect(r.kinds.map((k) => k.code)).toEqual(['ver_contract_not_received']);
    expect(r.followUp?.workOrderKind).toBe('contract_delivery');
  });

  it('a recorded-sale doubt is a problem (可回溯办法 第11条)', () => {
    const bank = makeCase({ channel: { kind: 'bancassurance', bank: '测试银行' } });
    expect(classify(call(bank, { recorded_sale_intent: ['no'] }).result!, bank).category).toBe('problem');
  });

  it('the way a call ends decides unreached results: not the policyholder, no such person, refused, denies buying', () => {
    const ended = (branch: 'not_policyholder' | 'no_such_person' | 'identity_mismatch') =>
      classify(scriptReducer(scriptReducer(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start', at: at() }), { type: 'branch', at: at(), branch }).result!, c);
    expect(ended('not_policyholder').kinds.map((k) => k.code)).toEqual(['ver_not_reached']);
    expect(ended('no_such_person').kinds.map((k) => k.code)).toEqual(['ver_wrong_number']);
    expect(ended('identity_mismatch').kinds.map((k) => k.code)).toEqual(['ver_policy_data_wrong']);
    let s = scriptReducer(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start', at: at() });
    s = scriptReducer(s, { type: 'answer', at: at(), answer: 'yes' });
    s = scriptReducer(s, { type: 'acknowledge', at: at() });
    s = scriptReducer(s, { type: 'branch', at: at(), branch: 'denies_purchase' });
    s = scriptReducer(s, { type: 'branch', at: at(), branch: 'denies_purchase' });
    expect(classify(s.result!, c)).toMatchObject({ category: 'problem', followUp: { sellerMayHandle: false } });
  });

  it('a call cut off right after identity (customer hung up, line dropped) is not reached, never refused (docs/domain.md §6)', () => {
    for (const reason of ['hung_up', 'line_dropped'] as const) {
      let s = scriptReducer(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start', at: at() });
      s = scriptReducer(s, { type: 'answer', at: at(), answer: 'yes' });
      s = scriptReducer(s, { type: 'acknowledge', at: at() });
      s = scriptReducer(s, { type: 'break_off', at: at(), reason });
      const r = classify(s.result!, c);
      expect(
        r.kinds.map((k) => k.code),
        reason,
      ).toEqual(['ver_not_reached']);
      expect(r.kinds.map((k) => k.label.zh).join(), reason).not.toContain('拒绝');
    }
  });

  it('a finding made before the line dropped still makes a problem, without a not-reached kind beside it (docs/domain.md §6)', () => {
    let s = scriptReducer(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start', at: at() });
    for (const e of [
      { type: 'answer', answer: 'yes' },
      { type: 'acknowledge' },
      { type: 'answer', answer: 'yes' },
      { type: 'answer', answer: 'yes' },
      { type: 'answer', answer: 'no' },
      { type: 'break_off', reason: 'line_dropped' },
    ] as const) {
      s = scriptReducer(s, { ...e, at: at() });
    }
    const r = classify(s.result!, c);
    expect(r.category).toBe('problem');
    expect(r.kinds.map((k) => k.code)).toEqual(['forged_signature']);
  });
});

describe('the scheme is data: the alternative 核实件/一次/二次沟通解释件/销售误导件 scheme (docs/domain.md §6)', () => {
  it('the same calls classify under the other scheme by configuration', () => {
    expect(classify(call(c, { cooling_off: ['unclear', 'yes'] }).result!, c, ALTERNATIVE_SCHEME)).toMatchObject({
      category: 'substandard',
      kinds: [{ code: 'first_explanation' }],
      categoryLabel: { zh: '一次沟通解释件' },
    });
    expect(classify(call(c, { cooling_off: ['unclear', 'no'] }).result!, c, ALTERNATIVE_SCHEME).kinds.map((k) => k.code)).toEqual(['second_explanation']);
    expect(classify(call(c, { signature: ['no'] }).result!, c, ALTERNATIVE_SCHEME).kinds.map((k) => k.code)).toEqual(['misselling']);
    expect(classify(call(c).result!, c, ALTERNATIVE_SCHEME).categoryLabel.zh).toBe('正常件');
  });

  it.each([DEFAULT_SCHEME, ALTERNATIVE_SCHEME].map((s) => [s.id, s] as [string, OutcomeScheme]))(
    'scheme %s is complete: every referenced kind exists and every kind has a follow-up unless standard',
    (_id, scheme) => {
      const codes = new Set(scheme.kinds.map((k) => k.code));
      const referenced = [
        ...scheme.findings.map((f) => f.kind),
        ...Object.values(scheme.endReasons),
        ...Object.values(scheme.verificationKinds),
        scheme.fallback.corrected,
        scheme.fallback.notCorrected,
      ];
      expect(referenced.filter((k) => !codes.has(k))).toEqual([]);
      for (const k of scheme.kinds) if (k.category !== 'standard') expect(k.followUp, k.code).not.toBeNull();
      for (const k of scheme.kinds)
        if (k.category === 'problem' && k.followUp?.workOrderKind === 'mis_selling_resolution') expect(k.followUp.sellerMayHandle).toBe(false);
    },
  );

  it('the default scheme has the §6 kinds: six substandard, seven verification', () => {
    expect(DEFAULT_SCHEME.kinds.filter((k) => k.category === 'substandard')).toHaveLength(6);
    expect(DEFAULT_SCHEME.kinds.filter((k) => k.category === 'verification')).toHaveLength(7);
  });
});

describe('call attempts of an unreached cycle map to verification kinds (docs/domain.md §4, §6)', () => {
  it('each outcome alone', () => {
    expect(verificationKindForAttempts(['no_answer', 'busy', 'switched_off'])).toBe('not_reached');
    expect(verificationKindForAttempts(['disconnected'])).toBe('wrong_number');
    expect(verificationKindForAttempts(['wrong_number'])).toBe('wrong_number');
    expect(verificationKindForAttempts(['refused'])).toBe('refused');
    expect(verificationKindForAttempts(['language_barrier'])).toBe('language');
    expect(verificationKindForAttempts(['not_policyholder'])).toBe('not_reached');
    expect(verificationKindForAttempts([])).toBe('not_reached');
  });

  it('the most specific finding wins whatever the order', () => {
    expect(verificationKindForAttempts(['no_answer', 'refused', 'no_answer'])).toBe('refused');
    expect(verificationKindForAttempts(['refused', 'wrong_number'])).toBe('wrong_number');
    expect(verificationKindForAttempts(['wrong_number', 'refused'])).toBe('wrong_number');
  });

  it('every attempt outcome maps to a kind of both schemes', () => {
    for (const o of ATTEMPT_OUTCOMES) {
      for (const scheme of [DEFAULT_SCHEME, ALTERNATIVE_SCHEME]) expect(classifyUnreached([o], c, scheme).category).toBe('verification');
    }
    // docs/domain.md §7: an unsuccessful case goes to its branch within 1 working day.
    expect(classifyUnreached(['no_answer'], c).followUp).toMatchObject({ workOrderKind: 'unsuccessful_handover', deadlineWorkingDays: 1 });
    expect(classifyUnreached(['wrong_number'], c).followUp).toMatchObject({ workOrderKind: 'verification_contact', deadlineWorkingDays: 3 });
  });
});
