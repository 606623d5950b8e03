import { useCallback, useEffect, useState } from 'react';
import { Alert, Segmented, Space, Typography } from 'antd';
import type { BranchWorkOrderList } from '../../../shared/sync/branch-console';
import type { WorkOrderStatus } from '../../../shared/sync/work-orders';
import { ConsoleApiError } from '../../api/client';
import { messages } from '../../i18n/zh';
import { arrivedEarly, fetchOrders, provideEarly, requestEarly } from './early-orders';
import { OrderTable } from './order-table';

type Filter = 'all' | WorkOrderStatus;
/** Enough for a large branch's whole backlog; the table renders only the rows in view (order-table.tsx). */
const LIMIT = 20_000;
/** The first screenful, read first so the list paints before the whole backlog arrives (the sign-in carries it). */
export const FIRST_ORDERS = 100;
const FIRST = FIRST_ORDERS;

const ordersQuery = (filter: Filter, limit: number) => `/api/branch/work-orders?${filter === 'all' ? '' : `status=${filter}&`}limit=${limit}`;

/**
 * The list's first screenful for a list about to mount (see early-orders.ts): the one the sign-in
 * carried, else asked for now. Settles when it is here.
 */
export function prefetchOrderList(carried?: BranchWorkOrderList): Promise<void> {
  return carried ? provideEarly(ordersQuery('all', FIRST), carried) : requestEarly(ordersQuery('all', FIRST));
}

/**
 * The branch's orders as the centre sorts them (overdue first, then by due date). Rows are
 * focusable; Enter or a click opens one. `reloadKey` changes after every write in the detail.
 */
export function OrderList({ onOpen, reloadKey }: { onOpen: (id: number) => void; reloadKey: number }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [list, setList] = useState<BranchWorkOrderList | null>(() => arrivedEarly(ordersQuery('all', FIRST)));
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    async (isCurrent: () => boolean) => {
      const query = (limit: number) => ordersQuery(filter, limit);
      try {
        const first = await fetchOrders(query(FIRST));
        if (!isCurrent()) return;
        setList(first);
        setError(null);
        if (first.total <= first.orders.length) return;
        const whole = await fetchOrders(query(LIMIT));
        if (isCurrent()) setList(whole);
      } catch (err) {
        if (isCurrent()) setError(err instanceof ConsoleApiError ? err.message : String(err));
      }
    },
    [filter],
  );
  useEffect(() => {
    // A filter changed mid-load must not have its list overwritten by the older request's answer.
    let current = true;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load, reloadKey]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-orders-loaded={list ? list.total : undefined}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {messages.orders.heading}
        </Typography.Title>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { label: messages.orders.filterAll, value: 'all' },
            { label: messages.orders.filterOpen, value: 'open' },
            { label: messages.orders.filterOverdue, value: 'overdue' },
            { label: messages.orders.filterDone, value: 'done' },
          ]}
        />
        {list && <Typography.Text type="secondary">{messages.orders.total(list.orders.length, list.total)}</Typography.Text>}
      </Space>
      {error && <Alert type="error" role="alert" title={error} />}
      <OrderTable orders={list?.orders} loading={!list && !error} onOpen={onOpen} />
    </Space>
  );
}
