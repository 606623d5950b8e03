import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BranchWorkOrderRow } from '../../shared/sync/branch-console';
import { ConsoleApp } from '../../console/app';
import { OrderTable } from '../../console/features/work-orders/order-table';
import { rememberSession } from '../../console/api/client';

const order = (id: number): BranchWorkOrderRow => ({
  id,
  policyNo: `PB${String(id).padStart(6, '0')}`,
  holderName: '张*三',
  kind: 'problem_explanation',
  category: 'problem',
  branchCode: '8611',
  branchName: '北京分公司',
  status: 'open',
  due: '2026-03-13',
  workingDaysLeft: 3,
  calendarUncertain: false,
  version: 0,
});
const orders = (n: number) => Array.from({ length: n }, (_, i) => order(i + 1));

// README "Web console": a branch's list holds up to 20 000 orders; only the rows in view are in the page.
describe('the order list renders the rows in view and is worked from the keyboard (README "Web console")', () => {
  it('of 10 000 orders only a screenful is in the page; scrolling brings the next ones', () => {
    render(<OrderTable orders={orders(10_000)} loading={false} onOpen={() => undefined} />);
    const rows = () => document.querySelectorAll('[data-order-id]');
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(40);
    expect(screen.getByText('PB000001')).toBeTruthy();
    const view = document.querySelector('.hf-order-table')!;
    view.scrollTop = 39 * 5000;
    fireEvent.scroll(view);
    expect(screen.queryByText('PB000001')).toBeNull();
    expect(screen.getByText('PB005001')).toBeTruthy();
    expect(rows().length).toBeLessThan(40);
  });

  it('Enter or a click opens an order; the arrow keys move between rows', async () => {
    const onOpen = vi.fn();
    render(<OrderTable orders={orders(3)} loading={false} onOpen={onOpen} />);
    const first = screen.getByText('PB000001').closest('tr')!;
    first.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByText('PB000002').closest('tr'));
    await userEvent.keyboard('{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(2);
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(first);
    await userEvent.click(screen.getByText('PB000003'));
    expect(onOpen).toHaveBeenLastCalledWith(3);
  });

  it('no orders say so; while loading the list shows no rows', () => {
    const { rerender } = render(<OrderTable orders={[]} loading={false} onOpen={() => undefined} />);
    expect(screen.getByText('没有工单')).toBeTruthy();
    rerender(<OrderTable orders={undefined} loading onOpen={() => undefined} />);
    expect(screen.queryByText('没有工单')).toBeNull();
    expect(document.querySelectorAll('[data-order-id]')).toHaveLength(0);
  });
});

describe('the sign-in carries the list’s first rows (README "Web console": sign-in to the list painted)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    rememberSession(null);
    window.history.replaceState(null, '', '/');
  });

  it('the sign-in asks for the first 100 orders and the list shows them without asking the centre for them again', async () => {
    const session = {
      user: { staffNo: '6001', name: '王分支', role: 'branch', team: 'A', branchCode: '8611', branchName: '北京分公司' },
      csrfToken: 't'.repeat(32),
      expiresAt: '2099-01-01T00:00:00Z',
    };
    const calls: { method: string; url: string; body?: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ method: init.method ?? 'GET', url: String(url), body: init.body ? JSON.parse(String(init.body)) : undefined });
        const answer =
          init.method === 'POST'
            ? { ok: true, value: { ...session, orders: { orders: orders(100), total: 300 } } }
            : String(url).includes('/api/console/session')
              ? { ok: false, error: { code: 'unauthenticated', message: { zh: '请先登录', en: 'sign in' } } }
              : { ok: true, value: { orders: orders(300), total: 300 } };
        return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
      }),
    );
    render(<ConsoleApp />);
    await userEvent.type(await screen.findByLabelText('工号'), '6001');
    await userEvent.type(screen.getByLabelText('密码'), 'secret-pass-1');
    await userEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('PB000001')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ staffNo: '6001', firstOrders: 100 });
    // The rest of the backlog is read after the first rows are shown; the first 100 are never asked for.
    await waitFor(() => expect(screen.getByText('共 300 条')).toBeTruthy());
    expect(calls.filter((c) => c.url.includes('/api/branch/work-orders')).map((c) => c.url)).toEqual(['/api/branch/work-orders?limit=20000']);
  }, 20_000);
});
