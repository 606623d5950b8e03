import { describe, expect, it } from 'vitest';
import { attemptFromLocalFailure, attemptFromSipCode, normaliseDialString } from '../../../../renderer/features/softphone/sip-failure';

describe('SIP failures map to attempt results the domain core records', () => {
  it.each([
    [404, 'wrong_number'],
    [484, 'wrong_number'],
    [604, 'wrong_number'],
    [480, 'unavailable'],
    [486, 'busy'],
    [600, 'busy'],
    [603, 'declined'],
    [408, 'no_answer'],
    [487, 'cancelled'],
    [503, 'network'],
  ] as const)('%i → %s', (code, attempt) => {
    const f = attemptFromSipCode(code, 'Phrase');
    expect(f.attempt).toBe(attempt);
    expect(f.sipCode).toBe(code);
    // The agent reads Chinese and the code; the proxy's English phrase is left out for known codes.
    expect(f.reason).toContain(`（SIP ${code}）`);
    expect(f.reason).not.toContain('Phrase');
  });

  it('falls back by class for codes nobody listed', () => {
    expect(attemptFromSipCode(500).attempt).toBe('network');
    expect(attemptFromSipCode(488, 'Not Acceptable Here').reason).toBe('呼叫失败 (488 Not Acceptable Here)');
    expect(attemptFromSipCode(488).attempt).toBe('network');
    expect(attemptFromSipCode(606).attempt).toBe('declined');
  });

  it('maps the ring timeout to no_answer and local transport problems to network', () => {
    expect(attemptFromLocalFailure('ring_timeout').attempt).toBe('no_answer');
    expect(attemptFromLocalFailure('transport').attempt).toBe('network');
    expect(attemptFromLocalFailure('not_registered').reason).toContain('未注册');
    expect(attemptFromLocalFailure('blocked', '录音故障').reason).toBe('当前禁止呼出：录音故障');
  });

  it('prepends the dial prefix and refuses what is not a phone number', () => {
    expect(normaliseDialString('9', '138-0013 8000')).toBe('913800138000');
    // A mainland number is dialled in national form, digits only (the SIP user part takes no +86).
    expect(normaliseDialString('', '+8613800138000')).toBe('13800138000');
    expect(normaliseDialString('', '*1002#')).toBe('*1002#'); // not a phone number: dial-pad codes pass
    expect(normaliseDialString('9', 'sip:evil@x')).toBeNull();
    expect(normaliseDialString('', '')).toBeNull();
  });
});
