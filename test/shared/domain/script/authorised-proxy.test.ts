import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { classify } from '../../../../shared/domain/outcome/classify';
import {
  currentQuestion,
  DEFAULT_SCRIPT,
  initScript,
  proxyWording,
  scriptReducer,
  type AuthorisedProxy,
  type ScriptEvent,
} from '../../../../shared/domain/script';
import { completeAll } from './complete-all';

let clock = 0;
const at = () => new Date(Date.UTC(2026, 2, 10, 2, 0, clock++)).toISOString();
const started = () => scriptReducer(initScript(DEFAULT_SCRIPT, makeCase(), at()), { type: 'start', at: at() });
const proxyBranch = (proxy?: Partial<AuthorisedProxy>): ScriptEvent => ({
  type: 'branch',
  at: at(),
  branch: 'authorised_family',
  ...(proxy ? { proxy: proxy as AuthorisedProxy } : {}),
});
const daughter: AuthorisedProxy = { relation: 'child', name: ' 李小红 ', reason: 'hard_of_hearing' };

describe('authorised family member answers for the policyholder (docs/domain.md §4: explicit, recorded exception)', () => {
  it('records who answered, the relation and the reason; identity counts as passed and the script moves on with the line to read', () => {
    const s = scriptReducer(started(), proxyBranch(daughter));
    expect(s.rejection).toBeNull();
    expect(currentQuestion(s)?.id).toBe('greeting');
    expect(s.notice?.text).toMatch(/代为回答/);
    expect(s.records.identity).toMatchObject({ kind: 'answered', final: 'yes' });
    expect(s.proxy).toMatchObject({ relation: 'child', name: '李小红', reason: 'hard_of_hearing', stepId: 'identity' });
    const done = completeAll(s, at);
    expect(done.result?.proxy).toEqual({ relation: 'child', name: '李小红', reason: 'hard_of_hearing' });
    expect(classify(done.result!, makeCase()).category).toBe('standard');
    // The log keeps the branch, without the family member's name.
    const logged = done.log.find((e) => e.type === 'branch');
    expect(logged).toMatchObject({ branch: 'authorised_family', note: 'child:hard_of_hearing' });
  });

  it.each([
    [undefined, /姓名、与投保人的关系和代答原因/],
    [{ ...daughter, name: '   ' }, /姓名/],
    [{ ...daughter, relation: 'neighbour' }, /关系/],
    [{ ...daughter, reason: 'busy' }, /听力障碍或无法使用普通话/],
    [{ ...daughter, name: '张'.repeat(31) }, /30/],
  ])('refuses an incomplete or unjustified proxy (%o) and stays on identity', (proxy, message) => {
    const before = started();
    const s = scriptReducer(before, proxyBranch(proxy as Partial<AuthorisedProxy> | undefined));
    expect(s.rejection?.message.zh).toMatch(message);
    expect(currentQuestion(s)?.id).toBe('identity');
    expect(s.proxy).toBeNull();
    expect(s.log).toEqual(before.log);
  });

  it('going back to identity removes the proxy; answering 是 there means the policyholder answers after all', () => {
    const s = scriptReducer(scriptReducer(started(), proxyBranch(daughter)), { type: 'back', at: at() });
    expect(currentQuestion(s)?.id).toBe('identity');
    expect(s.proxy).toBeNull();
    const done = completeAll(s, at);
    expect(done.result?.proxy).toBeNull();
  });

  it('a policyholder answering themselves has no proxy in the result', () => {
    expect(completeAll(started(), at).result?.proxy).toBeNull();
  });
});

describe('the script as read to an authorised family member', () => {
  const step = (id: string) => DEFAULT_SCRIPT.steps.find((s) => s.id === id)!;

  it('questions about the purchase name the policyholder instead of 您', () => {
    const signature = proxyWording(step('signature').text, step('signature').section);
    expect(signature).toContain('是否都由{policyholderTitle}本人亲笔完成');
    expect(signature).not.toContain('您');
    expect(proxyWording(step('insurance_nature').text, 'regulatory')).toBe(
      '请问{policyholderTitle}是否清楚，{policyholderTitle}购买的{productName}是一份人身保险产品，而不是银行存款或理财产品？',
    );
  });

  it('greetings and the closing, said to the person on the line, keep 您', () => {
    expect(proxyWording(step('greeting').text, 'greeting')).toBe(step('greeting').text);
    expect(proxyWording(step('closing').text, 'closing')).toBe(step('closing').text);
    expect(proxyWording('您好，请问{policyholderTitle}在吗？', 'regulatory')).toBe('您好，请问{policyholderTitle}在吗？');
  });
});
