import { useEffect, useState } from 'react';
import { Alert, Card, Table, Typography } from 'antd';
import type { KeptReportEntry } from '../../../shared/sync/reports';
import { api, ConsoleApiError } from '../../api/client';
import { reportText as t } from '../../i18n/reports';

/** The reports the monthly job kept (docs/domain.md §8: by the 5th of the next month), each downloadable. */
export function KeptReports() {
  const [rows, setRows] = useState<KeptReportEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api<KeptReportEntry[]>('GET', '/api/reports/kept').then(
      (list) => current && setRows(list),
      (err: unknown) => current && setError(err instanceof ConsoleApiError ? err.message : String(err)),
    );
    return () => {
      current = false;
    };
  }, []);
  return (
    <Card size="small" title={t.kept.heading} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t.kept.hint}</Typography.Paragraph>
      {error && <Alert type="error" title={error} />}
      <Table<KeptReportEntry>
        size="small"
        loading={rows === null && error === null}
        dataSource={rows ?? []}
        rowKey="period"
        pagination={false}
        locale={{ emptyText: t.kept.none }}
        columns={[
          { title: t.kept.period, key: 'period', render: (_, r) => (r.period.length === 4 ? t.yearOption(r.period) : t.monthOption(r.period)) },
          { title: t.kept.generatedAt, dataIndex: 'generatedAt' },
          {
            title: t.kept.download,
            key: 'download',
            render: (_, r) => (
              <Typography.Link href={`/api/reports/kept/${encodeURIComponent(r.period)}`} download>
                {t.kept.download}
              </Typography.Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
