import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT, renderText } from '../../../../shared/domain/script';

const c = makeCase({ policyholder: { phones: ['13900000015', '13800000002'], address: '测试省测试市测试区样例路1号' } });
const contact = DEFAULT_SCRIPT.steps.find((s) => s.id === 'contact')!;
const ctx = { companyName: '测试人寿', staffNo: '8001' };

describe('contact confirmation placeholders (docs/domain.md §5.4)', () => {
  it('once identity is confirmed: the number dialled for this call and the address, in full', () => {
    expect(renderText(contact.text, c, { ...ctx, identityConfirmed: true, dialledNumber: '13700000088' })).toBe(
      '请问您的联系电话13700000088和通讯地址测试省测试市测试区样例路1号是否正确？',
    );
  });

  it('without a dialled number: the case’s first phone', () => {
    expect(renderText(contact.text, c, { ...ctx, identityConfirmed: true })).toContain('13900000015');
  });

  it('before identity is confirmed (or when the caller does not say): masked', () => {
    for (const context of [ctx, { ...ctx, identityConfirmed: false, dialledNumber: '13700000088' }]) {
      const out = renderText(contact.text, c, context);
      expect(out).not.toMatch(/13700000088|13900000015|样例路1号/);
      expect(out).toContain('****');
    }
  });
});
