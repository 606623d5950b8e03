import { useEffect, useState } from 'react';
import { Alert, Button, Card, Table } from 'antd';
import type { CalendarLoadRecord, CalendarLoadSummary } from '../../../shared/sync/calendar';
import { api, ConsoleApiError } from '../../api/client';
import { calendarText as t } from '../../i18n/calendar';
import { MovedDates } from './moved-dates';

/**
 * The past loads of holiday schedules, newest first, each with how many dates it moved; 查看变动
 * opens the case deadlines and work-order due dates that load moved (README "Holiday schedules"),
 * so a question about a moved deadline can be answered after the load's own answer is gone.
 * `reload` changes after each new load.
 */
export function PastLoads({ reload }: { reload: number }) {
  const [loads, setLoads] = useState<CalendarLoadSummary[] | null>(null);
  const [shown, setShown] = useState<CalendarLoadRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const failed = (err: unknown) => setError(err instanceof ConsoleApiError ? err.message : String(err));
  useEffect(() => {
    let current = true;
    api<{ loads: CalendarLoadSummary[] }>('GET', '/api/admin/calendar/loads').then(
      (v) => current && setLoads(v.loads),
      (err: unknown) => current && failed(err),
    );
    return () => {
      current = false;
    };
  }, [reload]);
  const open = (id: string) =>
    api<CalendarLoadRecord>('GET', `/api/admin/calendar/loads/${encodeURIComponent(id)}`).then((v) => {
      setShown(v);
      setError(null);
    }, failed);
  return (
    <Card size="small" title={t.pastLoads}>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<CalendarLoadSummary>
        size="small"
        rowKey="id"
        loading={loads === null && error === null}
        dataSource={loads ?? []}
        pagination={(loads?.length ?? 0) > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: t.noLoads }}
        columns={[
          { title: t.loadCols.loadedAt, dataIndex: 'loadedAt', key: 'loadedAt' },
          { title: t.loadCols.year, dataIndex: 'year', key: 'year' },
          { title: t.loadCols.loadedBy, dataIndex: 'loadedBy', key: 'loadedBy' },
          { title: t.loadCols.moved, key: 'moved', render: (_, l) => t.movedCounts(l.deadlinesMoved, l.ordersMoved) },
          {
            title: '',
            key: 'open',
            render: (_, l) => (
              <Button size="small" onClick={() => void open(l.id)}>
                {t.showMoved}
              </Button>
            ),
          },
        ]}
      />
      {shown && (
        <Card size="small" type="inner" title={t.pastLoadTitle(shown.year, shown.loadedAt)} style={{ marginTop: 12 }}>
          <MovedDates result={shown} />
        </Card>
      )}
    </Card>
  );
}
