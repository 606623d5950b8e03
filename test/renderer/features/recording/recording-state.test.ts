import { describe, expect, it } from 'vitest';
import { INITIAL_RECORDING, recordingReducer, type RecordingAction } from '../../../../renderer/features/recording/recording-state';
import { formatElapsed } from '../../../../renderer/features/recording/recording-indicator';

const run = (...actions: RecordingAction[]) => actions.reduce(recordingReducer, INITIAL_RECORDING);

describe('recording state', () => {
  it('idle → starting → recording → finalising → idle', () => {
    const s = run(
      { type: 'starting', callId: 'c' },
      { type: 'started', sessionId: 's', startedAt: 5 },
      { type: 'chunkSent' },
      { type: 'chunkStored', stored: true },
      { type: 'finalising' },
    );
    expect(s).toMatchObject({ phase: 'finalising', sessionId: 's', startedAt: 5, chunksSent: 1, chunksStored: 1 });
    expect(recordingReducer(s, { type: 'finalised' }).phase).toBe('idle');
  });

  it('a failure during finalising stays visible after the call', () => {
    const s = run(
      { type: 'starting', callId: 'c' },
      { type: 'started', sessionId: 's', startedAt: 5 },
      { type: 'finalising' },
      { type: 'failed', reason: '磁盘空间不足' },
      { type: 'finalised' },
    );
    expect(s).toMatchObject({ phase: 'failed', failure: '磁盘空间不足' });
  });

  it('the dial block survives a new call starting', () => {
    const s = run({ type: 'blocked', reason: 'x' }, { type: 'starting', callId: 'c' });
    expect(s.blockedReason).toBe('x');
  });

  it('the state is serialisable', () => {
    const s = run({ type: 'starting', callId: 'c' }, { type: 'failed', reason: 'r' });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('formats elapsed time', () => {
    expect(formatElapsed(65_000)).toBe('01:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });
});
