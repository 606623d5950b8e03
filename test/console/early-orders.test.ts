import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchOrders, requestEarly } from '../../console/features/work-orders/early-orders';

// README "Web console": right after sign-in the order list's first request starts before the shell
// renders; the early answer must serve only the list it was asked for, once, and only while fresh.
describe('the order list’s early request (README "Web console": sign-in to the list painted)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
  const list = (total: number) => ({ ok: true, value: { total, orders: [] } });
  function centre(): ReturnType<typeof vi.fn> {
    let n = 0;
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(list(++n)), { headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  it('the list mounting just after sign-in takes the request already under way instead of asking again', async () => {
    const fetchMock = centre();
    requestEarly('/api/branch/work-orders?limit=100');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((await fetchOrders('/api/branch/work-orders?limit=100')).total).toBe(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // Taken once: a reload of the list asks the centre again.
    expect((await fetchOrders('/api/branch/work-orders?limit=100')).total).toBe(2);
  });

  it('another query, or an early answer older than a few seconds, is never served: the list asks afresh', async () => {
    const fetchMock = centre();
    requestEarly('/api/branch/work-orders?limit=100');
    expect((await fetchOrders('/api/branch/work-orders?status=open&limit=100')).total).toBe(2);
    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    requestEarly('/api/branch/work-orders?limit=100');
    vi.setSystemTime(Date.now() + 6_000);
    expect((await fetchOrders('/api/branch/work-orders?limit=100')).total).toBe(4);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });
});
