import { beforeEach, describe, expect, it } from 'vitest';
import { deriveStatus, useAgentStatusStore } from '../../../../renderer/features/agent-status/agent-status-store';

// The status the agent and the team lead see: sign-in and 示忙/就绪 are the agent's choice, 通话中
// and 话后整理 follow the visit workflow (wired by the app), so the two can never disagree.

const st = () => useAgentStatusStore.getState();

describe('agent status', () => {
  beforeEach(() => {
    st().signOut(0);
    st().signIn(1_000);
  });

  it('the visit outranks the agent: signed out, then the visit’s work, then 示忙, else 就绪', () => {
    expect(deriveStatus(false, 'meal', 'in_call')).toBe('signed_out');
    expect(deriveStatus(true, 'meal', 'wrap_up')).toBe('wrap_up');
    expect(deriveStatus(true, 'meal', null)).toBe('paused');
    expect(deriveStatus(true, null, null)).toBe('ready');
  });

  it('only a free desk pauses: not while a dial rings, a call is up or after-call work runs', () => {
    st().setWork('in_call', 2_000);
    expect(st().pause('break', 2_500)).toBe(false);
    expect(st().status).toBe('in_call');
    st().setWork('wrap_up', 3_000);
    expect(st().pause('break', 3_500)).toBe(false);
    st().setWork(null, 4_000);
    expect(st()).toMatchObject({ status: 'ready', since: 4_000 });
    expect(st().pause('meal', 5_000)).toBe(true);
    expect(st()).toMatchObject({ status: 'paused', reason: 'meal', since: 5_000 });
    expect(st().resume(6_000)).toBe(true);
    expect(st()).toMatchObject({ status: 'ready', reason: null, since: 6_000 });
    expect(st().resume(7_000)).toBe(false);
  });

  it('a call that starts ends a pause chosen while the dial was being placed: after the visit the desk is 就绪', () => {
    st().pause('meal', 2_000);
    st().setWork('in_call', 3_000);
    st().setWork(null, 4_000);
    expect(st()).toMatchObject({ status: 'ready', reason: null });
  });

  it('time in status restarts only when the visible status changes', () => {
    st().setWork('in_call', 2_000);
    st().setWork('in_call', 3_000);
    expect(st().since).toBe(2_000);
    st().setWork('wrap_up', 4_000);
    expect(st().since).toBe(4_000);
  });

  it('signing out ends any pause and work; signing in starts 就绪', () => {
    st().pause('training', 2_000);
    st().signOut(3_000);
    expect(st()).toMatchObject({ status: 'signed_out', reason: null, pausedFor: null, work: null });
    st().signIn(4_000);
    expect(st()).toMatchObject({ status: 'ready', since: 4_000 });
  });
});
