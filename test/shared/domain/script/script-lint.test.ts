import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT, PLACEHOLDERS, placeholdersIn, renderText, type ScriptDefinition } from '../../../../shared/domain/script';

/** Every script shipped with the product; add new ones here so the lint covers them. */
const SCRIPTS: readonly ScriptDefinition[] = [DEFAULT_SCRIPT];

function allTexts(s: ScriptDefinition): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const step of s.steps) {
    out.push({ where: `${step.id}.text`, text: step.text });
    if (step.explanation) out.push({ where: `${step.id}.explanation`, text: step.explanation });
    for (const b of step.branches ?? []) {
      out.push({ where: `${step.id}.${b.code}.line`, text: b.line });
      if (b.endLine) out.push({ where: `${step.id}.${b.code}.endLine`, text: b.endLine });
    }
  }
  return out;
}

/** Leading wording (Hubei practice guide, docs/domain.md §11): prompts that suggest the expected answer. */
const LEADING = /(明白|清楚|知道|了解|懂|听懂|理解)了?(吧|哦|嘛)|对吧|是吧|对不对|没问题吧|好吧[？?]/;
/** Forbidden phrases for agents (docs/domain.md §5, seed 客服禁用语). */
const FORBIDDEN = ['不是的', '你听我说', '我不知道', '这是公司的规定', '不归我管', '你自己看'];

const CASES = [
  makeCase(),
  makeCase({ product: { design: 'universal' }, premium: { mode: 'single', frequency: undefined, paymentYears: 1, nextDueDate: undefined } }),
  makeCase({ channel: { kind: 'bancassurance', bank: '测试银行', outlet: '样例支行' }, product: { design: 'dividend' }, insured: { relationship: 'child' } }),
  makeCase({
    channel: { kind: 'internet' },
    product: { design: 'investment_linked', line: 'health', longTermHealth: true },
    term: { unit: 'whole_life' },
    policyholder: { phones: [], address: undefined },
  }),
];

describe.each(SCRIPTS.map((s) => [`${s.id}@${s.version}`, s] as const))('script text lint: %s', (_name, script) => {
  it('has no leading wording such as 明白了吧 / 清楚了吧 / 知道了吧 / 对吧 (docs/domain.md §11, Hubei guide)', () => {
    const offenders = allTexts(script).filter((t) => LEADING.test(t.text));
    expect(offenders).toEqual([]);
  });

  it('uses none of the forbidden phrases (docs/domain.md §5)', () => {
    const offenders = allTexts(script).filter((t) => FORBIDDEN.some((f) => t.text.includes(f)));
    expect(offenders).toEqual([]);
  });

  it('uses only placeholders the case model and session can fill', () => {
    const unknown = allTexts(script).flatMap((t) =>
      placeholdersIn(t.text)
        .filter((p) => !(p in PLACEHOLDERS))
        .map((p) => `${t.where}: {${p}}`),
    );
    expect(unknown).toEqual([]);
  });

  it('renders completely for varied cases: no braces left, no "undefined"', () => {
    for (const c of CASES) {
      for (const t of allTexts(script)) {
        const out = renderText(t.text, c, { companyName: '测试人寿', staffNo: '8001' });
        expect(out, t.where).not.toMatch(/[{}]|undefined|null|NaN/);
      }
    }
  });

  it('has unique step ids, an id and a version', () => {
    expect(script.id).toMatch(/\S/);
    expect(script.version).toMatch(/\S/);
    const ids = script.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every question declares its answers; every mandatory question accepts 是; every ending branch has a reason', () => {
    for (const step of script.steps) {
      if (step.kind === 'question') {
        expect(step.answers?.length, step.id).toBeGreaterThan(0);
        if (step.mandatory) expect(step.answers, step.id).toContain('yes');
      } else {
        expect(step.mandatory, step.id).toBe(false);
      }
      for (const b of step.branches ?? []) {
        if (b.effect === 'end' || b.effect === 'stay_once_then_end') expect(b.endReason, `${step.id}.${b.code}`).toBeDefined();
        // A family member may stand in only for the identity question (docs/domain.md §4).
        if (b.effect === 'proxy') expect(step.topic, `${step.id}.${b.code}`).toBe('identity');
      }
    }
  });
});

describe('the lint catches what it looks for', () => {
  it('flags leading wording and forbidden phrases in a sample', () => {
    expect(LEADING.test('这个您清楚了吧？')).toBe(true);
    expect(LEADING.test('您明白了吧')).toBe(true);
    expect(LEADING.test('犹豫期是十天，对吧？')).toBe(true);
    expect(LEADING.test('请问您是否清楚犹豫期的规定？')).toBe(false);
    expect(FORBIDDEN.some((f) => '这是公司的规定，没办法'.includes(f))).toBe(true);
  });
});
