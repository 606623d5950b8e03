import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { huifang } from '../../../../renderer/ipc/huifang';
import { startAutoRecording, type AutoRecording } from '../../../../renderer/features/recording/auto-recording';
import { RecordingIndicator } from '../../../../renderer/features/recording/recording-indicator';
import { resetRecordingStore, useRecordingStore } from '../../../../renderer/features/recording/recording-store';
import { emitFakeEvent, fakeHandlers } from '../../../setup/fake-huifang';
import { fakeEnvironment, fakeSoftphone } from './fakes';

const SESSION = 'sess-00000001';

describe('automatic call recording (renderer)', () => {
  let calls: { channel: string; payload: Record<string, unknown> }[];
  let auto: AutoRecording | null = null;
  let gate: { allowed: boolean; reason: string | null };

  beforeEach(() => {
    resetRecordingStore();
    calls = [];
    gate = { allowed: true, reason: null };
    const log = (channel: string, value: unknown) => (payload: unknown) => {
      calls.push({ channel, payload: payload as Record<string, unknown> });
      return typeof value === 'function' ? (value as (p: unknown) => unknown)(payload) : value;
    };
    fakeHandlers.set('session:open', log('session:open', { sessionId: SESSION }));
    fakeHandlers.set('session:setCallInfo', log('session:setCallInfo', { ok: true }));
    fakeHandlers.set('session:marker', log('session:marker', { ok: true }));
    fakeHandlers.set('recording:start', log('recording:start', { startedAt: 1_000_000 }));
    fakeHandlers.set('recording:chunk', log('recording:chunk', { stored: true }));
    fakeHandlers.set(
      'recording:stop',
      log('recording:stop', () => {
        throw new Error('not finalised in this test');
      }),
    );
    fakeHandlers.set(
      'recording:canStartCall',
      log('recording:canStartCall', () => gate),
    );
  });
  afterEach(() => auto?.dispose());

  function setup(options: { supported?: boolean } = {}) {
    const { env, made, clock } = fakeEnvironment(options);
    const softphone = fakeSoftphone();
    auto = startAutoRecording({ host: huifang(), softphone, dispatch: useRecordingStore.getState().dispatch, env });
    render(<RecordingIndicator now={() => clock.t} />);
    return { env, made, clock, softphone, auto };
  }

  it('starts on answer without any agent action: agent mic → left (input 0), customer → right (input 1), Opus 24 kbit/s (two mono streams of 12), 500 ms timeslice', async () => {
    const { made, softphone, auto: a, clock } = setup();
    await act(async () => {
      softphone.answer();
      await a.idle();
    });
    expect(calls.find((c) => c.channel === 'session:open')?.payload).toMatchObject({ caseId: 'P1' });
    expect(calls.find((c) => c.channel === 'session:setCallInfo')?.payload).toMatchObject({ sessionId: SESSION, sipCallId: 'call-1', answeredAt: 5_000 });
    expect(made.context!.connections).toEqual([
      { from: 'agent-mic', input: 0 },
      { from: 'customer', input: 1 },
    ]);
    expect(made.recorder!.options).toEqual({ mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 24000 });
    expect(made.recorder!.timeslice).toBe(500);
    clock.t += 65_000;
    await act(async () => {
      made.recorder!.emit('a');
      made.recorder!.emit('b');
      await new Promise((r) => setTimeout(r, 1100)); // the indicator ticks once a second
    });
    expect(screen.getByRole('status')).toHaveTextContent('录音中 01:05');
    const chunks = calls.filter((c) => c.channel === 'recording:chunk').map((c) => [c.payload.seq, atob(c.payload.data as string)]);
    expect(chunks).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(useRecordingStore.getState()).toMatchObject({ phase: 'recording', chunksSent: 2, chunksStored: 2 });
  });

  it('on hang-up sends the last chunk before finalising, and records the end time', async () => {
    const { made, softphone, auto: a } = setup();
    fakeHandlers.set('recording:stop', (p) => {
      calls.push({ channel: 'recording:stop', payload: p as Record<string, unknown> });
      return { manifest: MANIFEST };
    });
    await act(async () => {
      softphone.answer();
      await a.idle();
    });
    made.recorder!.emit('x');
    await act(async () => {
      softphone.hangup();
      await a.idle();
    });
    const order = calls.map((c) => (c.channel === 'recording:chunk' ? `chunk:${atob(c.payload.data as string)}` : c.channel));
    expect(order.slice(order.indexOf('chunk:x'))).toEqual(['chunk:x', 'chunk:final', 'recording:stop', 'session:setCallInfo', 'recording:canStartCall']);
    expect(useRecordingStore.getState().phase).toBe('idle');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('every call on a desk starts its recording at chunk 0: later calls have no gap at the start', async () => {
    const { made, softphone, auto: a } = setup();
    fakeHandlers.set('recording:stop', () => ({ manifest: MANIFEST }));
    for (const callId of ['call-1', 'call-2', 'call-3']) {
      await act(async () => {
        softphone.answer(callId);
        await a.idle();
      });
      made.recorder!.emit(`${callId}-a`);
      made.recorder!.emit(`${callId}-b`);
      await act(async () => {
        softphone.hangup(callId);
        await a.idle();
      });
    }
    const firstSeqs = ['call-1', 'call-2', 'call-3'].map(
      (id) => calls.find((c) => c.channel === 'recording:chunk' && atob(c.payload.data as string) === `${id}-a`)?.payload.seq,
    );
    expect(firstSeqs).toEqual([0, 0, 0]);
  });

  it('hold and resume go on the session as markers, so QA sees the customer did not hear that span', async () => {
    const { softphone, auto: a } = setup();
    await act(async () => {
      softphone.answer();
      await a.idle();
    });
    await act(async () => {
      softphone.hold(true, 7_000);
      softphone.hold(false, 9_500);
      await a.idle();
    });
    expect(calls.filter((c) => c.channel === 'session:marker').map((c) => c.payload)).toEqual([
      { sessionId: SESSION, questionId: '_hold', at: 7_000, answer: 'on', reask: false },
      { sessionId: SESSION, questionId: '_hold', at: 9_500, answer: 'off', reask: false },
    ]);
  });

  it('a lead’s whisper, switch to barge and leaving go on the session as coaching markers (README "Team-lead coaching": whisper is marked, not recorded)', async () => {
    const { env } = fakeEnvironment({});
    const softphone = fakeSoftphone();
    let coaching: ((c: { mode: 'whisper' | 'barge'; lead: string } | null, at: number) => void) | null = null;
    auto = startAutoRecording({
      host: huifang(),
      softphone,
      dispatch: useRecordingStore.getState().dispatch,
      env,
      onCoachingChanged: (listener) => {
        coaching = listener;
        return () => (coaching = null);
      },
    });
    await act(async () => {
      softphone.answer();
      await auto!.idle();
    });
    await act(async () => {
      coaching!({ mode: 'whisper', lead: '2001' }, 8_000);
      coaching!({ mode: 'barge', lead: '2001' }, 9_000);
      coaching!(null, 12_000);
      await auto!.idle();
    });
    expect(calls.filter((c) => c.channel === 'session:marker').map((c) => c.payload)).toEqual([
      { sessionId: SESSION, questionId: '_coaching', at: 8_000, answer: 'whisper:2001', reask: false },
      { sessionId: SESSION, questionId: '_coaching', at: 9_000, answer: 'barge:2001', reask: false },
      { sessionId: SESSION, questionId: '_coaching', at: 12_000, answer: 'off', reask: false },
    ]);
    // Coached when the call ends: the span closes at the call's end (the lead's leg ends after it).
    await act(async () => {
      coaching!({ mode: 'whisper', lead: '2001' }, 8_500);
      softphone.hangup();
      coaching!(null, Number.MAX_SAFE_INTEGER);
      await auto!.idle();
    });
    const last = calls.filter((c) => c.channel === 'session:marker').map((c) => c.payload as { at: number; answer: string });
    expect(last.slice(3).map((m) => m.answer)).toEqual(['whisper:2001', 'off']);
    expect(last[4].at).toBe(9_000); // the call's endedAt
    auto.dispose();
    expect(coaching).toBeNull();
  });

  it('a host that cannot start recording shows 录音失败 in red at once and blocks dialling', async () => {
    const { softphone, auto: a } = setup();
    fakeHandlers.set('recording:start', () => {
      throw new Error('磁盘空间不足，录音无法保存（ENOSPC）');
    });
    await act(async () => {
      softphone.answer();
      await a.idle();
    });
    expect(screen.getByRole('alert')).toHaveTextContent(/录音失败：录音无法开始：.*磁盘空间不足/);
    expect(softphone.blocked).not.toBeNull();
  });

  it('a failed status from the host mid-call is shown immediately and blocks new calls; recovery clears it', async () => {
    const { softphone, auto: a } = setup();
    await act(async () => {
      softphone.answer();
      await a.idle();
    });
    act(() => emitFakeEvent('recording:status', { sessionId: SESSION, state: 'failed', reason: '磁盘空间不足（ENOSPC）', at: 1 }));
    expect(screen.getByRole('alert')).toHaveTextContent('录音失败：磁盘空间不足（ENOSPC）');
    expect(softphone.blocked).toBe('磁盘空间不足（ENOSPC）');
    await act(async () => {
      emitFakeEvent('recording:status', { sessionId: SESSION, state: 'recording', reason: null, at: 2 });
      await new Promise((r) => setTimeout(r, 0));
    });
    // The gate is re-checked over IPC after the recovery event: wait for it rather than a fixed tick.
    await waitFor(() => expect(softphone.blocked).toBeNull());
    expect(screen.getByRole('status')).toHaveTextContent(/录音中/);
  });

  it('while the host says recording is broken, dialling stays blocked and the reason is shown', async () => {
    gate = { allowed: false, reason: '没有写入录音目录的权限（EACCES）' };
    const { softphone, auto: a } = setup();
    await act(async () => {
      await a.refreshGate();
    });
    expect(softphone.blocked).toBe('没有写入录音目录的权限（EACCES）');
    expect(screen.getByRole('alert')).toHaveTextContent('录音不可用，不能拨打新电话：没有写入录音目录的权限（EACCES）');
  });

  it('a chunk the host could not store turns the indicator red', async () => {
    const { made, softphone, auto: a } = setup();
    fakeHandlers.set('recording:chunk', () => ({ stored: false }));
    await act(async () => {
      softphone.answer();
      await a.idle();
    });
    await act(async () => {
      made.recorder!.emit('lost');
      await new Promise((r) => setTimeout(r, 0));
    });
    // The chunk's IPC answer arrives after a few promise hops; wait for the indicator (not a fixed tick).
    expect(await screen.findByRole('alert')).toHaveTextContent('录音失败：录音分片未能保存到磁盘');
  });

  it('an environment without WebM/Opus recording fails visibly instead of silently not recording', async () => {
    const { softphone, auto: a } = setup({ supported: false });
    await act(async () => {
      softphone.answer();
      await a.idle();
    });
    expect(screen.getByRole('alert')).toHaveTextContent('不支持');
  });
});

const MANIFEST = {
  version: 1 as const,
  sessionId: SESSION,
  mimeType: 'audio/webm;codecs=opus',
  channels: { left: 'agent' as const, right: 'customer' as const },
  startedAt: 1,
  finalisedAt: 2,
  durationMs: 1000,
  recovered: false,
  chunksReceived: 2,
  parts: [],
  chunkSha256: [],
  gaps: [],
};
