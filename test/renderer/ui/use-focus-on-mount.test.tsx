import { act, render, screen } from '@testing-library/react';
import { useRef, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { returnFocusHome } from '../../../renderer/ui/screen-focus';
import { useFocusOnMount } from '../../../renderer/ui/use-focus-on-mount';

function Screen({ name, step = 0, enabled = true, children }: { name: string; step?: number; enabled?: boolean; children?: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useFocusOnMount(ref, { key: step, enabled });
  return (
    <section aria-label={name} tabIndex={-1} ref={ref}>
      {children}
    </section>
  );
}

describe('useFocusOnMount', () => {
  it('focuses the screen when it mounts', () => {
    render(<Screen name="队列" />);
    expect(screen.getByRole('region', { name: '队列' })).toHaveFocus();
  });

  it('never takes focus from a field the agent is typing in', () => {
    const { rerender } = render(<input aria-label="搜索" />);
    screen.getByRole('textbox', { name: '搜索' }).focus();
    rerender(
      <>
        <input aria-label="搜索" />
        <Screen name="案件" />
      </>,
    );
    expect(screen.getByRole('textbox', { name: '搜索' })).toHaveFocus();
  });

  it('on a content change, takes focus back only when it was lost or is still where it put it', () => {
    const view = (step: number, extra: boolean) => (
      <Screen name="话术" step={step}>
        <button type="button">备注</button>
        {extra ? <button type="button">临时</button> : null}
      </Screen>
    );
    const { rerender } = render(view(0, true));
    const region = screen.getByRole('region', { name: '话术' });
    expect(region).toHaveFocus();
    rerender(view(1, true));
    expect(region).toHaveFocus();
    // The agent moved to a control of the screen: a new step does not pull focus away from it.
    screen.getByRole('button', { name: '备注' }).focus();
    rerender(view(2, true));
    expect(screen.getByRole('button', { name: '备注' })).toHaveFocus();
    // The focused control went away with the change: focus comes back to the screen.
    screen.getByRole('button', { name: '临时' }).focus();
    rerender(view(3, false));
    expect(region).toHaveFocus();
  });

  it('does nothing while disabled, and focuses once enabled', () => {
    const { rerender } = render(<Screen name="案件" enabled={false} />);
    expect(document.body).toHaveFocus();
    rerender(<Screen name="案件" enabled />);
    expect(screen.getByRole('region', { name: '案件' })).toHaveFocus();
  });

  it('returnFocusHome puts lost focus on the newest screen, and leaves focus that is not lost', () => {
    const { rerender } = render(
      <>
        <Screen name="队列" />
        <button type="button">示忙</button>
      </>,
    );
    screen.getByRole('button', { name: '示忙' }).focus();
    expect(returnFocusHome()).toBe(false);
    expect(screen.getByRole('button', { name: '示忙' })).toHaveFocus();
    rerender(<Screen name="队列" />); // the control that had focus is gone
    expect(document.body).toHaveFocus();
    act(() => void returnFocusHome());
    expect(screen.getByRole('region', { name: '队列' })).toHaveFocus();
  });
});
