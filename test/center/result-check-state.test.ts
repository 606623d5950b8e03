import { nextCheckState } from '../../center/result-checks/result-check-state';

describe('where a result check stands (center/README.md "Result checks")', () => {
  it('a waiting result is checked when its session arrives, or flagged missing at the deadline and checked when the session comes late', () => {
    expect(nextCheckState('awaiting_session', { type: 'session_arrived' })).toBe('checked');
    expect(nextCheckState('awaiting_session', { type: 'deadline_passed' })).toBe('session_missing');
    expect(nextCheckState('session_missing', { type: 'deadline_passed' })).toBe('session_missing');
    expect(nextCheckState('session_missing', { type: 'session_arrived' })).toBe('checked');
  });

  it('a checked result stays checked: a replayed archive or a late sweep changes nothing', () => {
    expect(nextCheckState('checked', { type: 'session_arrived' })).toBe('checked');
    expect(nextCheckState('checked', { type: 'deadline_passed' })).toBe('checked');
  });
});
