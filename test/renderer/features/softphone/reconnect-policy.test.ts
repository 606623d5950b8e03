import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, Reconnector } from '../../../../renderer/features/softphone/reconnect-policy';

describe('reconnect backoff', () => {
  it('doubles from 250 ms and is capped at 1 s (re-registered within ~2 s of a proxy restart)', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 8].map((n) => backoffDelay(n, DEFAULT_BACKOFF, noJitter))).toEqual([250, 500, 1000, 1000, 1000]);
  });

  it('jitter only shortens the delay, by at most the jitter share', () => {
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.999)).toBeGreaterThanOrEqual(800);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.999)).toBeLessThan(1000);
  });
});

describe('Reconnector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries with growing delays until connect succeeds, then reports once and stops', async () => {
    let failures = 3;
    const connect = vi.fn(async () => {
      if (failures-- > 0) throw new Error('refused');
    });
    const onReconnected = vi.fn();
    const scheduled: number[] = [];
    const r = new Reconnector(connect, { onReconnected, onScheduled: (_a, d) => scheduled.push(d) }, DEFAULT_BACKOFF, undefined, () => 0);
    r.start();
    expect(connect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(connect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(connect).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(connect).toHaveBeenCalledTimes(4);
    expect(onReconnected).toHaveBeenCalledTimes(1);
    expect(scheduled).toEqual([250, 500, 1000, 1000]);
    expect(r.running).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(connect).toHaveBeenCalledTimes(4);
  });

  it('start() while running does not start a second loop', async () => {
    const connect = vi.fn(async () => {
      throw new Error('down');
    });
    const r = new Reconnector(connect, {}, DEFAULT_BACKOFF, undefined, () => 0);
    r.start();
    r.start();
    await vi.advanceTimersByTimeAsync(250);
    expect(connect).toHaveBeenCalledTimes(1);
    r.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('kick() (network back online) retries at once and resets the backoff', async () => {
    let fail = true;
    const connect = vi.fn(async () => {
      if (fail) throw new Error('down');
    });
    const r = new Reconnector(connect, {}, DEFAULT_BACKOFF, undefined, () => 0);
    r.start();
    await vi.advanceTimersByTimeAsync(250 + 500 + 1000);
    expect(connect).toHaveBeenCalledTimes(3);
    fail = false;
    r.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(connect).toHaveBeenCalledTimes(4);
    expect(r.running).toBe(false);
  });
});
