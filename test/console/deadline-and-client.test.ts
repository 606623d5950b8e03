import { afterEach, describe, expect, it, vi } from 'vitest';
import { deadlineTag } from '../../console/features/work-orders/deadline';
import { api, ConsoleApiError, rememberSession, whenSignedOut } from '../../console/api/client';

describe('deadline tags count working days (docs/domain.md §7: orders due in working days)', () => {
  it('an open order shows the working days left, the due day says so, an overdue one counts the days past', () => {
    expect(deadlineTag({ status: 'open', workingDaysLeft: 3 })).toEqual({ text: '剩余 3 个工作日', color: 'green' });
    expect(deadlineTag({ status: 'open', workingDaysLeft: 1 }).color).toBe('gold');
    expect(deadlineTag({ status: 'open', workingDaysLeft: 0 })).toEqual({ text: '今日到期', color: 'orange' });
    expect(deadlineTag({ status: 'overdue', workingDaysLeft: -2 })).toEqual({ text: '逾期 2 个工作日', color: 'red' });
    expect(deadlineTag({ status: 'done', workingDaysLeft: -2 }).text).toBe('已办结');
  });
});

describe('the console client (README "Web console": cookie session, CSRF token in memory only)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    rememberSession(null);
  });
  const answer = (status: number, body: unknown) =>
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

  it('sends the remembered CSRF token on writes only, with the cookie (same-origin credentials)', async () => {
    const fetchMock = answer(200, { ok: true, value: 1 });
    vi.stubGlobal('fetch', fetchMock);
    rememberSession({
      user: { staffNo: '6001', name: 'x', role: 'branch', team: 'A', branchCode: '8611', branchName: 'b' },
      csrfToken: 't'.repeat(32),
      expiresAt: '',
    });
    await api('GET', '/api/branch/work-orders');
    await api('POST', '/api/branch/work-orders/1/follow-ups', { a: 1 });
    const [[, get], [, post]] = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect(get.headers).toEqual({});
    expect(post.headers).toEqual({ 'content-type': 'application/json', 'x-csrf-token': 't'.repeat(32) });
    expect(post.credentials).toBe('same-origin');
  });

  it('a refusal carries the centre’s own zh message and its field issues; an expired session signs the console out', async () => {
    vi.stubGlobal('fetch', answer(409, { ok: false, error: { code: 'stale_version', message: { zh: '工单已被他人修改', en: 'stale' } } }));
    await expect(api('POST', '/api/branch/work-orders/1/close', {})).rejects.toMatchObject({ code: 'stale_version', message: '工单已被他人修改', status: 409 });
    vi.stubGlobal(
      'fetch',
      answer(400, {
        ok: false,
        error: { code: 'invalid_request', message: { zh: '请求字段不合规', en: '' }, issues: [{ path: 'phone', message: 'too short' }] },
      }),
    );
    await expect(api('POST', '/x', {})).rejects.toThrow('请求字段不合规（phone: too short）');
    const signedOut = vi.fn();
    whenSignedOut(signedOut);
    vi.stubGlobal('fetch', answer(401, { ok: false, error: { code: 'unauthenticated', message: { zh: '请先登录', en: '' } } }));
    await expect(api('GET', '/api/branch/work-orders')).rejects.toBeInstanceOf(ConsoleApiError);
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('a dead network or a page that is not the centre’s JSON is a clear error, not a crash', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api('GET', '/x')).rejects.toThrow('无法连接回访中心');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>502</html>', { status: 502 })),
    );
    await expect(api('GET', '/x')).rejects.toThrow('HTTP 502');
  });
});
