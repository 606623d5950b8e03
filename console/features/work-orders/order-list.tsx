import { useCallback, useEffect, useState } from 'react';
import { Alert, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { BranchWorkOrderList, BranchWorkOrderRow } from '../../../shared/sync/branch-console';
import type { WorkOrderStatus } from '../../../shared/sync/work-orders';
import { ConsoleApiError } from '../../api/client';
import { messages } from '../../i18n/zh';
import { deadlineTag } from './deadline';
import { fetchOrders, requestEarly } from './early-orders';

type Filter = 'all' | WorkOrderStatus;
/** Enough for a large branch's whole backlog; the table renders only the visible rows (virtual). */
const LIMIT = 20_000;
/** The first screenful, read first so the list paints before the whole backlog arrives. */
const FIRST = 100;

const ordersQuery = (filter: Filter, limit: number) => `/api/branch/work-orders?${filter === 'all' ? '' : `status=${filter}&`}limit=${limit}`;

/** Asks for the list's first screenful now, for a list about to mount (see early-orders.ts). */
export function prefetchOrderList(): void {
  requestEarly(ordersQuery('all', FIRST));
}

const columns: ColumnsType<BranchWorkOrderRow> = [
  { title: messages.orders.columns.deadline, key: 'deadline', width: 150, render: (_, o) => <DeadlineCell order={o} /> },
  { title: messages.orders.columns.policyNo, dataIndex: 'policyNo', width: 170 },
  { title: messages.orders.columns.holder, dataIndex: 'holderName', width: 110 },
  { title: messages.orders.columns.kind, key: 'kind', width: 170, render: (_, o) => messages.kind[o.kind] ?? o.kind },
  { title: messages.orders.columns.branch, key: 'branch', width: 200, render: (_, o) => messages.shell.branch(o.branchCode, o.branchName) },
  { title: messages.orders.columns.due, dataIndex: 'due', width: 120 },
];

function DeadlineCell({ order }: { order: BranchWorkOrderRow }) {
  const tag = deadlineTag(order);
  return (
    <Tag color={tag.color} title={order.calendarUncertain ? messages.deadline.uncertain : undefined}>
      {tag.text}
      {order.calendarUncertain ? ' *' : ''}
    </Tag>
  );
}

/**
 * The branch's orders as the centre sorts them (overdue first, then by due date). Rows are
 * focusable; Enter or a click opens one. `reloadKey` changes after every write in the detail.
 */
export function OrderList({ onOpen, reloadKey }: { onOpen: (id: number) => void; reloadKey: number }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [list, setList] = useState<BranchWorkOrderList | null>(null);
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
      <Table<BranchWorkOrderRow>
        virtual
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list?.orders as BranchWorkOrderRow[] | undefined}
        loading={!list && !error}
        pagination={false}
        scroll={{ x: 920, y: 620 }}
        locale={{ emptyText: messages.orders.empty }}
        onRow={(order) => ({
          tabIndex: 0,
          title: messages.orders.openHint,
          'data-order-id': order.id,
          onClick: () => onOpen(order.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') onOpen(order.id);
          },
        })}
      />
    </Space>
  );
}
