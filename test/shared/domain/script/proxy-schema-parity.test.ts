import { describe, expect, it } from 'vitest';
import { PROXY_NAME_MAX, PROXY_REASONS, PROXY_RELATIONS } from '../../../../shared/domain/script/authorised-proxy';
import { resultProxySchema } from '../../../../shared/sync/push';

describe('the sync protocol accepts exactly the proxies the script engine records', () => {
  it('same relations, reasons and name limit', () => {
    expect(resultProxySchema.shape.relation.options).toEqual([...PROXY_RELATIONS]);
    expect(resultProxySchema.shape.reason.options).toEqual([...PROXY_REASONS]);
    expect(resultProxySchema.safeParse({ relation: 'child', reason: 'hard_of_hearing', name: '张'.repeat(PROXY_NAME_MAX) }).success).toBe(true);
    expect(resultProxySchema.safeParse({ relation: 'child', reason: 'hard_of_hearing', name: '张'.repeat(PROXY_NAME_MAX + 1) }).success).toBe(false);
    expect(resultProxySchema.safeParse({ relation: 'child', reason: 'busy', name: '李' }).success).toBe(false);
  });
});
