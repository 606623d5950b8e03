import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXTENSION_PAUSE_MS, ExtensionDialler, extensionOf } from '../../../../renderer/features/softphone/extension-dialler';
import type { SoftphoneAction } from '../../../../renderer/features/softphone/softphone-state';

function dialler(result: 'rfc4733' | 'info' | 'failed' = 'info') {
  const actions: SoftphoneAction[] = [];
  const tones: string[] = [];
  const d = new ExtensionDialler({ dispatch: (a) => actions.push(a), sendTone: async (t) => (tones.push(t), result) });
  const phases = () => actions.flatMap((a) => (a.type === 'extension' ? [a.extension ? `${a.extension.phase}:${a.extension.digits}` : 'none'] : []));
  return { d, tones, phases };
}

describe('a number with an extension reaches the extension: its digits go out as keypad tones after answer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads the extension written with a landline in any of the usual ways; mobiles have none', () => {
    expect(extensionOf('0755-2345678-12')).toBe('12');
    expect(extensionOf('0755-2345678 转 12')).toBe('12');
    expect(extensionOf('010-62345678分机306')).toBe('306');
    expect(extensionOf('0755-2345678')).toBeNull();
    expect(extensionOf('13800000001')).toBeNull();
  });

  it('after the pause the digits go out one by one and the agent sees them sent', async () => {
    const { d, tones, phases } = dialler();
    d.arm('12');
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS - 1);
    expect(tones).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(tones).toEqual(['1', '2']);
    expect(phases()).toEqual(['waiting:12', 'sending:12', 'sent:12']);
  });

  it('an edit stops the clock; the edited digits go out when the agent sends them', async () => {
    const { d, tones, phases } = dialler();
    d.arm('12');
    d.edit('1x3');
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS * 2);
    expect(tones).toEqual([]);
    await d.sendNow();
    expect(tones).toEqual(['1', '3']);
    expect(phases().at(-1)).toBe('sent:13');
  });

  it('dropped, or the call ended, nothing goes out; a refused tone is reported, not claimed sent', async () => {
    const dropped = dialler();
    dropped.d.arm('12');
    dropped.d.drop();
    const ended = dialler();
    ended.d.arm('12');
    ended.d.clear();
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS);
    expect([...dropped.tones, ...ended.tones]).toEqual([]);
    expect(dropped.phases().at(-1)).toBe('dropped:12');
    const refused = dialler('failed');
    refused.d.arm('12');
    await vi.advanceTimersByTimeAsync(EXTENSION_PAUSE_MS);
    expect(refused.tones).toEqual(['1']);
    expect(refused.phases().at(-1)).toBe('failed:12');
  });
});
