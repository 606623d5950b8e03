import { Alert, Card, Table } from 'antd';
import type { CalendarLoadAnswer, MovedDeadline } from '../../../shared/sync/calendar';
import { calendarText as t } from '../../i18n/calendar';

/** A moved case deadline or work-order due date (which has an id), as one table row. */
type MovedDate = MovedDeadline & { readonly id?: number };

function MovedTable({ title, rows, orders }: { title: string; rows: readonly MovedDate[]; orders: boolean }) {
  return (
    <Card size="small" title={title}>
      <Table<MovedDate>
        size="small"
        rowKey={(r) => `${r.id ?? ''}/${r.policyNo}`}
        dataSource={[...rows]}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t.noneMoved }}
        columns={[
          ...(orders ? [{ title: t.movedCols.order, dataIndex: 'id', key: 'id' }] : []),
          { title: t.movedCols.policyNo, dataIndex: 'policyNo', key: 'policyNo' },
          { title: t.movedCols.before, dataIndex: 'before', key: 'before' },
          { title: t.movedCols.after, dataIndex: 'after', key: 'after' },
        ]}
      />
    </Card>
  );
}

/** What a load changed: the counts, then every case deadline and work-order due date it moved. */
export function MovedDates({ result }: { result: CalendarLoadAnswer }) {
  return (
    <>
      <Alert type="success" showIcon title={`${t.loaded(result.year, result.casesChanged, result.workOrdersChanged)}${result.replaced ? t.replaced : ''}`} />
      <MovedTable title={t.movedCases} rows={result.movedDeadlines} orders={false} />
      <MovedTable title={t.movedOrders} rows={result.movedOrders} orders />
    </>
  );
}
