import { describe, expect, it } from 'vitest';
import { exportStates, exportStatusOf, exportTransition, type ExportEvent } from '../../../shared/sync/recording-export';

const EVENTS: readonly ExportEvent[] = ['approve', 'refuse', 'claim', 'finish', 'release'];

/** Recording exports (docs/domain.md §9: a copy only with the department head's approval; README "Recording exports"). */
describe('the recording export state machine', () => {
  it('a pending request is approved or refused, nothing else; a decision is final', () => {
    expect(exportTransition('pending', 'approve')).toBe('approved');
    expect(exportTransition('pending', 'refuse')).toBe('refused');
    expect(exportTransition('pending', 'claim')).toBeNull();
    for (const e of EVENTS) expect(exportTransition('refused', e)).toBeNull();
    expect(exportTransition('approved', 'refuse')).toBeNull();
  });

  it('one approval yields one copy: claimed, then delivered for good, or released when the transfer broke off', () => {
    expect(exportTransition('approved', 'claim')).toBe('downloading');
    expect(exportTransition('downloading', 'claim')).toBeNull();
    expect(exportTransition('downloading', 'finish')).toBe('downloaded');
    expect(exportTransition('downloading', 'release')).toBe('approved');
    for (const e of EVENTS) expect(exportTransition('downloaded', e)).toBeNull();
  });

  it('every state answers every event (exhaustive)', () => {
    for (const s of exportStates) for (const e of EVENTS) expect(exportTransition(s, e) === null || exportStates.includes(exportTransition(s, e)!)).toBe(true);
  });

  it('an undelivered approval shows as expired from its expiry on; other states keep their name', () => {
    const at = '2026-12-04T12:00:00.000Z';
    const t = Date.parse(at);
    expect(exportStatusOf('approved', at, t - 1)).toBe('approved');
    expect(exportStatusOf('approved', at, t)).toBe('expired');
    expect(exportStatusOf('downloading', at, t + 1)).toBe('expired');
    expect(exportStatusOf('downloaded', at, t + 1)).toBe('downloaded');
    expect(exportStatusOf('pending', null, t)).toBe('pending');
  });
});
