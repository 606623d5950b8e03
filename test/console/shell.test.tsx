import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Role } from '../../shared/sync/auth';
import { ConsoleApp } from '../../console/app';
import { sectionsFor } from '../../console/sections';
import { rememberSession } from '../../console/api/client';

function signedInAs(role: Role) {
  const session = {
    user: { staffNo: '6001', name: '王分支', role, team: 'A', branchCode: '8611', branchName: '北京分公司' },
    csrfToken: 't'.repeat(32),
    expiresAt: '2099-01-01T00:00:00Z',
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const value = String(url).includes('/api/console/session') ? session : { orders: [], total: 0 };
      return new Response(JSON.stringify({ ok: true, value }), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
}

describe('the console shell shows each role only its own screens (README "Web console")', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    rememberSession(null);
    window.history.replaceState(null, '', '/');
  });

  it('a branch user gets the work orders; a role without console screens gets none', () => {
    expect(sectionsFor('branch').map((s) => s.key)).toContain('orders');
    expect(sectionsFor('agent')).toEqual([]);
  });

  it('reports go to team leads, the department head and admins; the wallboard to leads and admins; the holiday calendar to admins only', () => {
    const keys = (role: Role) => sectionsFor(role).map((s) => s.key);
    expect(keys('team_lead')).toEqual(['reports', 'wallboard']);
    expect(keys('dept_head')).toEqual(['reports']);
    expect(keys('admin')).toEqual(['orders', 'visits', 'reports', 'wallboard', 'calendar', 'admin-users', 'admin-import', 'admin-assignment', 'admin-desk']);
    expect(keys('branch')).toEqual(['orders', 'visits']);
  });

  it('an unknown segment in the address opens the first screen the role may see, and the menu moves the address', async () => {
    window.history.replaceState(null, '', '/console/no-such-screen');
    signedInAs('branch');
    render(<ConsoleApp />);
    const item = await screen.findByText('机构工单', { selector: '.ant-menu-title-content' });
    expect(item.closest('li')?.classList.contains('ant-menu-item-selected')).toBe(true);
    await userEvent.click(item);
    expect(window.location.pathname).toBe('/console/orders');
  }, 20_000);

  it('a signed-in role with no screen is told so instead of seeing an empty page', async () => {
    signedInAs('agent');
    render(<ConsoleApp />);
    expect(await screen.findByText('当前账号的角色在控制台中没有可打开的页面。')).toBeTruthy();
  });
});
