import { memo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Spin } from 'antd';
import type { BranchWorkOrderRow } from '../../../shared/sync/branch-console';
import { messages } from '../../i18n/zh';
import { deadlineTag } from './deadline';
import './order-table.css';

/** Every row is one line high (cells never wrap), so a row's place follows from its index. */
const ROW_HEIGHT = 39;
/** The body's height in view, below the header (as antd's `scroll.y` had it). */
/** The body's height in view below the header, as antd's `scroll.y` had it. */
const VIEW_HEIGHT = 620;
/** Rows rendered beyond each edge of the view: the next row is there when the arrow keys or a scroll reach it. */
const OVERSCAN = 6;

interface Column {
  title: string;
  width: number;
  cell: (order: BranchWorkOrderRow) => ReactNode;
}

const COLUMNS: readonly Column[] = [
  { title: messages.orders.columns.deadline, width: 150, cell: (o) => <DeadlineCell order={o} /> },
  { title: messages.orders.columns.policyNo, width: 170, cell: (o) => o.policyNo },
  { title: messages.orders.columns.holder, width: 110, cell: (o) => o.holderName },
  { title: messages.orders.columns.kind, width: 170, cell: (o) => messages.kind[o.kind] ?? o.kind },
  { title: messages.orders.columns.branch, width: 200, cell: (o) => messages.shell.branch(o.branchCode, o.branchName) },
  { title: messages.orders.columns.due, width: 120, cell: (o) => o.due },
];
const TABLE_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);

/**
 * The deadline as a tag in antd's filled look, drawn by order-table.css rather than antd's Tag: a
 * screenful of Tags cost more to render than the rest of the row (`console.work_orders_first_paint_ms`).
 */
function DeadlineCell({ order }: { order: BranchWorkOrderRow }) {
  const tag = deadlineTag(order);
  return (
    <span className={`hf-deadline hf-deadline-${tag.color}`} title={order.calendarUncertain ? messages.deadline.uncertain : undefined}>
      {tag.text}
      {order.calendarUncertain ? ' *' : ''}
    </span>
  );
}

/** Up and down move between rows (the focused row scrolls into view and its neighbours render), Enter opens. */
function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, open: () => void) {
  if (e.key === 'Enter') return open();
  const next = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.key === 'ArrowUp' ? e.currentTarget.previousElementSibling : null;
  if (next instanceof HTMLElement && next.dataset.orderId) {
    e.preventDefault();
    next.focus();
  }
}

// A row re-renders only when its order changes: a scroll renders the rows coming into view, not all of them.
const OrderRow = memo(function OrderRow({ order, onOpen }: { order: BranchWorkOrderRow; onOpen: (id: number) => void }) {
  return (
    <tr
      className="hf-order-row"
      tabIndex={0}
      title={messages.orders.openHint}
      data-order-id={order.id}
      onClick={() => onOpen(order.id)}
      onKeyDown={(e) => onRowKey(e, () => onOpen(order.id))}
    >
      {COLUMNS.map((column) => (
        <td key={column.title}>{column.cell(order)}</td>
      ))}
    </tr>
  );
});

/**
 * The branch's orders as one plain table that renders only the rows in view (a branch has up to
 * 20 000). It replaces antd's virtual Table here: that one measured every column and row in the
 * page after mounting, which made the list's first paint after sign-in slow
 * (`console.work_orders_first_paint_ms`, README "Web console"); this one knows each row's height
 * in advance and lays out once.
 */
export function OrderTable({ orders, loading, onOpen }: { orders: readonly BranchWorkOrderRow[] | undefined; loading: boolean; onOpen: (id: number) => void }) {
  const [scrollTop, setScrollTop] = useState(0);
  const rows = orders ?? [];
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const placeholder = loading ? <Spin size="small" /> : rows.length === 0 ? messages.orders.empty : null;
  return (
    <div className="hf-order-table" style={{ maxHeight: VIEW_HEIGHT + ROW_HEIGHT }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <table style={{ width: TABLE_WIDTH }}>
        <colgroup>
          {COLUMNS.map((column) => (
            <col key={column.title} style={{ width: column.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.title} scope="col">
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {placeholder !== null && (
            <tr className="hf-order-placeholder">
              <td colSpan={COLUMNS.length}>{placeholder}</td>
            </tr>
          )}
          {first > 0 && <tr aria-hidden style={{ height: first * ROW_HEIGHT }} />}
          {rows.slice(first, last).map((order) => (
            <OrderRow key={order.id} order={order} onOpen={onOpen} />
          ))}
          {last < rows.length && <tr aria-hidden style={{ height: (rows.length - last) * ROW_HEIGHT }} />}
        </tbody>
      </table>
    </div>
  );
}
