import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { adminMessages as m } from '../../i18n/admin';
import type { ImportReportRow, ImportReportView } from './upload-list';

const OUTCOME_COLORS: Record<string, string> = { inserted: 'green', updated: 'blue', reopened: 'purple', not_eligible: 'orange', rejected: 'red' };

const detail = (r: ImportReportRow) =>
  m.common.sentences([...(r.problems ?? []).map((p) => m.common.labelled(p.field, p.message.zh)), ...(r.reasons ?? []).map((x) => x.zh), ...(r.flags ?? [])]);

const columns: ColumnsType<ImportReportRow> = [
  { title: m.import.columns.line, dataIndex: 'line', width: 80 },
  { title: m.import.columns.policyNo, dataIndex: 'policyNo', width: 170 },
  {
    title: m.import.columns.outcome,
    key: 'outcome',
    width: 150,
    render: (_, r) => <Tag color={OUTCOME_COLORS[r.outcome]}>{m.import.outcomes[r.outcome] ?? r.outcome}</Tag>,
  },
  { title: m.import.columns.detail, key: 'detail', render: (_, r) => detail(r) },
];

/**
 * The per-row report of one import: counts per outcome, the rows filterable by outcome and policy
 * number, and the centre's XLSX of the whole report or of the chosen outcome (a plain link: the
 * cookie authenticates a GET, no script handles the file).
 */
export function ImportReportTable({ report, reportId }: { report: ImportReportView; reportId: string }) {
  const [outcome, setOutcome] = useState<string>('');
  const [policy, setPolicy] = useState('');
  const rows = useMemo(
    () => report.rows.filter((r) => (!outcome || r.outcome === outcome) && (!policy.trim() || (r.policyNo ?? '').includes(policy.trim()))),
    [report, outcome, policy],
  );
  const present = Object.entries(report.counts).filter(([, n]) => n > 0);
  const href = `/api/admin/imports/${reportId}/report.xlsx${outcome ? `?outcome=${outcome}` : ''}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        title={m.import.done(report.fileName, report.total)}
        items={present.map(([key, n]) => ({ key, label: m.import.outcomes[key] ?? key, children: n }))}
      />
      {report.unmappedHeaders.length > 0 && <Alert type="warning" title={m.import.unmapped(m.common.list(report.unmappedHeaders))} />}
      <Space wrap>
        <Select
          aria-label={m.import.filter}
          style={{ width: 200 }}
          value={outcome}
          onChange={setOutcome}
          options={[
            { value: '', label: m.common.all },
            ...present.map(([key, n]) => ({ value: key, label: m.common.withCount(m.import.outcomes[key] ?? key, n) })),
          ]}
        />
        <Input.Search
          allowClear
          aria-label={m.import.search}
          placeholder={m.import.search}
          onChange={(e) => setPolicy(e.target.value)}
          style={{ width: 220 }}
        />
        <Button href={href} download>
          {outcome ? m.import.downloadFiltered : m.import.download}
        </Button>
      </Space>
      <Table rowKey="line" size="small" columns={columns} dataSource={rows} pagination={{ pageSize: 100, showSizeChanger: false }} />
    </Space>
  );
}
