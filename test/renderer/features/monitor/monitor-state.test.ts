import { describe, expect, it } from 'vitest';
import { INITIAL_MONITOR, monitorReducer, type MonitorAction, type MonitorSnapshot } from '../../../../renderer/features/monitor/monitor-state';

const run = (actions: MonitorAction[], from: MonitorSnapshot = INITIAL_MONITOR) => actions.reduce(monitorReducer, from);

describe('listen-in snapshot (lead side)', () => {
  it('idle → requesting → connecting → listening → ended, keeping who is listened to', () => {
    const listening = run([{ type: 'requesting', agent: '1001', agentName: '甲' }, { type: 'connecting' }, { type: 'listening', at: 5 }]);
    expect(listening).toEqual({ phase: 'listening', agent: '1001', agentName: '甲', since: 5, mode: 'listen', switching: null, notice: null });
    expect(monitorReducer(listening, { type: 'ended', level: 'info', text: '已停止监听' })).toEqual({
      ...INITIAL_MONITOR,
      notice: { level: 'info', text: '已停止监听' },
    });
  });

  it('out-of-order steps are ignored; a refusal keeps the listen that is up', () => {
    expect(run([{ type: 'connecting' }, { type: 'listening', at: 1 }])).toEqual(INITIAL_MONITOR);
    const listening = run([{ type: 'requesting', agent: '1001', agentName: '甲' }, { type: 'connecting' }, { type: 'listening', at: 5 }]);
    expect(monitorReducer(listening, { type: 'requesting', agent: '1002', agentName: '乙' })).toBe(listening);
    expect(monitorReducer(listening, { type: 'refused', text: '同一时间只能监听一路通话' })).toMatchObject({
      phase: 'listening',
      agent: '1001',
      notice: { level: 'error' },
    });
  });

  it('coaching: one switch at a time, to another mode only, on a leg that is up; a refused switch keeps the mode in force (shared/sync/monitor.ts)', () => {
    const listening = run([{ type: 'requesting', agent: '1001', agentName: '甲' }, { type: 'connecting' }, { type: 'listening', at: 5 }]);
    expect(monitorReducer(INITIAL_MONITOR, { type: 'switching', mode: 'whisper' })).toBe(INITIAL_MONITOR);
    expect(monitorReducer(listening, { type: 'switching', mode: 'listen' })).toBe(listening);
    const switching = monitorReducer(listening, { type: 'switching', mode: 'whisper' });
    expect(switching).toMatchObject({ mode: 'listen', switching: 'whisper' });
    expect(monitorReducer(switching, { type: 'switching', mode: 'barge' })).toBe(switching);
    const whisper = monitorReducer(switching, { type: 'switched', mode: 'whisper' });
    expect(whisper).toMatchObject({ mode: 'whisper', switching: null });
    const refused = run(
      [
        { type: 'switching', mode: 'barge' },
        { type: 'switchRefused', text: '中心拒绝切换：已有其他班长强插' },
      ],
      whisper,
    );
    expect(refused).toMatchObject({ phase: 'listening', mode: 'whisper', switching: null, notice: { level: 'error' } });
    // A new listen starts in listen mode whatever the last one ended in.
    const ended = monitorReducer(whisper, { type: 'ended', level: 'info', text: '已停止监听' });
    expect(run([{ type: 'requesting', agent: '1002', agentName: '乙' }], ended)).toMatchObject({ mode: 'listen', switching: null });
  });
});
