import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import {
  availableActions,
  currentQuestion,
  DEFAULT_SCRIPT,
  initScript,
  scriptReducer,
  visibleQuestions,
  type ScriptEvent,
  type ScriptState,
} from '../../../../shared/domain/script';
import { completeAll } from './complete-all';

let clock = 0;
const at = () => new Date(Date.UTC(2026, 2, 10, 2, 0, clock++)).toISOString();
const run = (s: ScriptState, ...events: ((at: string) => ScriptEvent)[]) => events.reduce((st, e) => scriptReducer(st, e(at())), s);
const start = (t: string): ScriptEvent => ({ type: 'start', at: t });
const yes = (t: string): ScriptEvent => ({ type: 'answer', at: t, answer: 'yes' });
const no = (t: string): ScriptEvent => ({ type: 'answer', at: t, answer: 'no' });
const unclear = (t: string): ScriptEvent => ({ type: 'answer', at: t, answer: 'unclear' });
const ack = (t: string): ScriptEvent => ({ type: 'acknowledge', at: t });
const back = (t: string): ScriptEvent => ({ type: 'back', at: t });
const branch =
  (b: Extract<ScriptEvent, { type: 'branch' }>['branch'], note?: string) =>
  (t: string): ScriptEvent => ({ type: 'branch', at: t, branch: b, note });

const ids = (c = makeCase()) => initScript(DEFAULT_SCRIPT, c, at()).steps.map((s) => s.id);

describe('script steps apply per case (docs/domain.md §5, 基本服务规定 第15条)', () => {
  it('a traditional regular-premium agency policy: the seven items in order, payment, contact, closing', () => {
    expect(ids()).toEqual([
      'identity',
      'greeting',
      'consent',
      'insurance_nature',
      'signature',
      'receipt',
      'product_description',
      'coverage',
      'surrender_loss',
      'cooling_off',
      'payment',
      'contact',
      'closing',
    ]);
  });

  it('surrender loss (5) comes before cooling-off (6), as in 第15条', () => {
    const list = ids();
    expect(list.indexOf('surrender_loss')).toBeLessThan(list.indexOf('cooling_off'));
  });

  it('the regular-premium item is asked only of regular-premium policies (第15条(七))', () => {
    expect(ids(makeCase({ premium: { mode: 'single', frequency: undefined, paymentYears: 1 } }))).not.toContain('payment');
  });

  it('product items follow the design: 分红, 万能 (return and fees), 投连, health', () => {
    expect(ids(makeCase({ product: { design: 'dividend' } }))).toContain('dividend');
    expect(ids(makeCase({ product: { design: 'universal' } }))).toEqual(expect.arrayContaining(['universal_return', 'universal_fees']));
    expect(ids(makeCase({ product: { design: 'investment_linked' } }))).toEqual(
      expect.arrayContaining(['investment_risk', 'investment_fees', 'recorded_sale_accepted']),
    );
    expect(ids(makeCase({ product: { line: 'health' } }))).toContain('health_terms');
  });

  it('the recorded-sale items appear for bank channel over one year and policyholders aged 60+ (可回溯办法 第6条, 第11条)', () => {
    expect(ids()).not.toContain('recorded_sale_accepted');
    expect(ids(makeCase({ channel: { kind: 'bancassurance', bank: '测试银行' } }))).toEqual(
      expect.arrayContaining(['recorded_sale_accepted', 'recorded_sale_intent']),
    );
    expect(ids(makeCase({ policyholder: { birthDate: '1950-01-01' } }))).toContain('recorded_sale_intent');
    expect(ids(makeCase({ recordedSale: true }))).toContain('recorded_sale_accepted');
  });

  it("the insured's own signature is asked when the insured is someone else", () => {
    expect(ids(makeCase({ insured: { relationship: 'spouse' } }))).toContain('insured_signature');
    expect(ids()).not.toContain('insured_signature');
  });
});

describe('script engine (docs/domain.md §5)', () => {
  it('a call where every item gets 是 completes with a result, markers per step and the script version', () => {
    const s = completeAll(run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start), at);
    expect(s.phase).toBe('finished');
    expect(s.result).toMatchObject({
      status: 'completed',
      scriptId: 'new-policy-default',
      scriptVersion: DEFAULT_SCRIPT.version,
      unansweredMandatory: [],
      endReason: null,
    });
    expect(s.result?.markers.map((m) => m.stepId)).toEqual(s.steps.map((x) => x.id));
    expect(s.result?.items.every((i) => i.first === 'yes' && i.final === 'yes')).toBe(true);
  });

  it('never advances past a question without an explicit answer (Chongqing rule art. 8)', () => {
    let s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start);
    const before = s.index;
    s = run(s, ack);
    expect(s.index).toBe(before);
    expect(s.rejection?.message.en).toMatch(/needs an answer/);
    s = run(s, (t) => ({ type: 'skip', at: t }));
    expect(s.index).toBe(before);
  });

  it('an event before start or after the end is refused and changes nothing else', () => {
    const ready = initScript(DEFAULT_SCRIPT, makeCase(), at());
    const refused = scriptReducer(ready, { type: 'answer', at: at(), answer: 'yes' });
    expect({ ...refused, rejection: null }).toEqual(ready);
    const done = completeAll(run(ready, start), at);
    const after = scriptReducer(done, back(at()));
    expect(after.phase).toBe('finished');
    expect(after.log).toBe(done.log);
  });

  it('an answer not allowed for the step is refused (identity accepts only 是 or a branch)', () => {
    const s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start, no);
    expect(currentQuestion(s)?.id).toBe('identity');
    expect(s.rejection).not.toBeNull();
  });

  it('a non-是 answer shows the explanation and the re-ask answer is final (已纠正)', () => {
    let s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start, yes, ack, yes, unclear);
    expect(s.phase).toBe('explaining');
    expect(s.notice?.kind).toBe('explanation');
    expect(availableActions(s).branches).toEqual([]);
    s = run(s, yes);
    expect(s.phase).toBe('asking');
    expect(s.records.insurance_nature).toMatchObject({ kind: 'answered', first: 'unclear', final: 'yes', explained: true });
  });

  it('a question without an explanation (signature) takes the first answer as final', () => {
    const s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start, yes, ack, yes, yes, no);
    expect(s.records.signature).toMatchObject({ first: 'no', final: 'no', explained: false });
    expect(currentQuestion(s)?.id).toBe('receipt');
  });

  it('going back re-asks the previous step and keeps the old answer in the log', () => {
    let s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start, yes, ack, yes, yes, no);
    const logLen = s.log.length;
    s = run(s, back);
    expect(currentQuestion(s)?.id).toBe('signature');
    expect(s.records.signature).toBeUndefined();
    expect(s.log.length).toBeGreaterThan(logLen);
    expect(s.log.filter((e) => e.type === 'answer' && e.stepId === 'signature').map((e) => e.answer)).toEqual(['no']);
    s = run(s, yes);
    expect(s.records.signature).toMatchObject({ final: 'yes' });
    expect(s.log.filter((e) => e.type === 'answer' && e.stepId === 'signature').map((e) => e.answer)).toEqual(['no', 'yes']);
  });

  it('going back while explaining returns to the same question', () => {
    const s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start, yes, ack, yes, no, back);
    expect(s.phase).toBe('asking');
    expect(currentQuestion(s)?.id).toBe('insurance_nature');
    expect(s.records.insurance_nature).toBeUndefined();
  });

  it('every accepted event is timestamped in the log, in order', () => {
    const s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start, yes, ack, yes, unclear, yes);
    expect(s.log.every((e, i) => e.seq === i && typeof e.at === 'string')).toBe(true);
    const times = s.log.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('visibleQuestions shows done / current / pending', () => {
    const s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start, yes);
    const v = visibleQuestions(s);
    expect(v.slice(0, 3).map((x) => x.status)).toEqual(['done', 'current', 'pending']);
  });
});

describe('identity and consent branches (docs/domain.md §5.1, §5.3)', () => {
  const begin = () => run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start);

  it('who is calling → neutral image-survey cover line that reveals nothing, and stays on identity (docs/domain.md §4)', () => {
    const s = run(begin(), branch('who_is_calling'));
    expect(s.phase).toBe('asking');
    expect(s.notice?.text).toContain('公司形象调查');
    expect(s.notice?.text).not.toMatch(/\{productName\}|\{premiumAmount\}|\{applicationDate\}|保单|保险费/);
  });

  it('not the policyholder → ask for another number / a time, and end; the note is kept', () => {
    const s = run(begin(), branch('not_policyholder', '晚上7点后再打'));
    expect(s.phase).toBe('broken_off');
    expect(s.result).toMatchObject({ status: 'broken_off', endReason: 'not_policyholder', note: '晚上7点后再打' });
    expect(s.notice?.text).toContain('其他联系电话');
  });

  it('no such person → apologise and end', () => {
    expect(run(begin(), branch('no_such_person')).result?.endReason).toBe('no_such_person');
  });

  it('busy → book a callback; driving or in a meeting → end politely', () => {
    expect(run(begin(), yes, ack, branch('busy', '明天上午')).result).toMatchObject({ endReason: 'busy', note: '明天上午' });
    expect(run(begin(), yes, ack, branch('driving_or_meeting')).result?.endReason).toBe('driving_or_meeting');
  });

  it('what for → brief reassurance, stay', () => {
    const s = run(begin(), yes, ack, branch('what_for'));
    expect(s.phase).toBe('asking');
    expect(currentQuestion(s)?.id).toBe('consent');
  });

  it('denies buying → state the facts once; insisting ends the call as denied purchase', () => {
    let s = run(begin(), yes, ack, branch('denies_purchase'));
    expect(s.phase).toBe('asking');
    expect(s.notice?.text).toContain('{productName}');
    s = run(s, branch('denies_purchase'));
    expect(s.result?.endReason).toBe('denies_purchase');
  });

  it('unwilling → explain the purpose once; still unwilling ends the call', () => {
    let s = run(begin(), yes, ack, branch('unwilling'));
    expect(s.phase).toBe('asking');
    s = run(s, yes);
    expect(currentQuestion(s)?.id).toBe('insurance_nature');
    const twice = run(begin(), yes, ack, branch('unwilling'), branch('unwilling'));
    expect(twice.result?.endReason).toBe('unwilling');
  });

  it('declines, saying they know their rights → thank and end', () => {
    expect(run(begin(), yes, ack, branch('declines_knows_rights')).result?.endReason).toBe('declines_knows_rights');
  });

  it('a branch not declared on the step is refused', () => {
    const s = run(begin(), branch('busy'));
    expect(s.phase).toBe('asking');
    expect(s.rejection).not.toBeNull();
  });

  it('a break-off mid-script yields a result listing the unanswered mandatory items', () => {
    const s = run(begin(), yes, ack, yes, (t) => ({ type: 'break_off', at: t, reason: 'hung_up' }));
    expect(s.result?.status).toBe('broken_off');
    expect(s.result?.unansweredMandatory).toContain('signature');
    expect(s.result?.unansweredMandatory).not.toContain('consent');
  });
});

describe('contact verification (docs/domain.md §5.4)', () => {
  it('"no" on the contact question asks for an update but is not a failed item; it may also be skipped', () => {
    let s = run(initScript(DEFAULT_SCRIPT, makeCase(), at()), start);
    while (currentQuestion(s)?.id !== 'contact') s = run(s, currentQuestion(s)!.kind === 'statement' ? ack : yes);
    const withNo = completeAll(run(s, no), at);
    expect(withNo.result?.contactUpdateNeeded).toBe(true);
    const skipped = completeAll(
      run(s, (t) => ({ type: 'skip', at: t })),
      at,
    );
    expect(skipped.result?.contactUpdateNeeded).toBe(false);
    expect(skipped.phase).toBe('finished');
  });
});
