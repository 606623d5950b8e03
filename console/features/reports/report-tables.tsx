import type { ReactNode } from 'react';
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type {
  AgentActivityRow,
  ForgedRow,
  KindRateRow,
  LowSuccessAgent,
  ManagementReport,
  OverdueRow,
  ReportTableKey,
  SuccessRow,
} from '../../../shared/sync/reports';
import { reportText as t } from '../../i18n/reports';

const successColumns: ColumnsType<SuccessRow> = [
  { title: t.cols.group, dataIndex: 'label' },
  { title: t.cols.due, dataIndex: 'due', align: 'right' },
  { title: t.cols.centreSuccess, dataIndex: 'centreSuccess', align: 'right' },
  { title: t.cols.branchSuccess, dataIndex: 'branchSuccess', align: 'right' },
  { title: t.cols.rate, key: 'rate', align: 'right', render: (_, r) => t.pct(r.ratePct) },
];

const kindColumns: ColumnsType<KindRateRow> = [
  { title: t.cols.resultClass, key: 'class', render: (_, r) => t.resultClass[r.resultClass] ?? r.resultClass },
  { title: t.cols.kind, dataIndex: 'kind' },
  { title: t.cols.cases, dataIndex: 'cases', align: 'right' },
  { title: t.cols.rate, key: 'rate', align: 'right', render: (_, r) => t.pct(r.ratePct) },
];

const forgedColumns: ColumnsType<ForgedRow> = [
  { title: t.cols.seller, key: 'seller', render: (_, r) => t.named(r.sellerName, r.sellerCode) },
  { title: t.cols.branch, dataIndex: 'branchCode' },
  { title: t.cols.cases, dataIndex: 'cases', align: 'right' },
];

const overdueColumns: ColumnsType<OverdueRow> = [
  { title: t.cols.branch, key: 'branch', render: (_, r) => t.named(r.branchName, r.branchCode) },
  { title: t.cols.open, dataIndex: 'open', align: 'right' },
  { title: t.cols.overdue, dataIndex: 'overdue', align: 'right', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n) },
  { title: t.cols.closedLate, dataIndex: 'closedLate', align: 'right' },
];

function activityColumns(low: ReadonlySet<string>): ColumnsType<AgentActivityRow> {
  return [
    {
      title: t.cols.staffNo,
      key: 'staffNo',
      render: (_, r) =>
        low.has(r.staffNo) ? (
          <>
            {r.staffNo} <Tag color="orange">{t.lowFlag}</Tag>
          </>
        ) : (
          r.staffNo
        ),
    },
    { title: t.cols.calls, dataIndex: 'calls', align: 'right' },
    { title: t.cols.connected, dataIndex: 'connected', align: 'right' },
    { title: t.cols.talk, key: 'talk', align: 'right', render: (_, r) => t.duration(r.talkSec) },
    { title: t.cols.working, key: 'working', align: 'right', render: (_, r) => t.duration(r.workingSec) },
    { title: t.cols.onBreak, key: 'break', align: 'right', render: (_, r) => t.duration(r.breakSec) },
    { title: t.cols.ready, key: 'ready', align: 'right', render: (_, r) => t.duration(r.readySec) },
    { title: t.cols.paused, key: 'paused', align: 'right', render: (_, r) => t.duration(r.pausedSec) },
    { title: t.cols.inCall, key: 'inCall', align: 'right', render: (_, r) => t.duration(r.inCallSec) },
    { title: t.cols.wrapUp, key: 'wrapUp', align: 'right', render: (_, r) => t.duration(r.wrapUpSec) },
    { title: t.cols.qaCount, dataIndex: 'qaEvaluations', align: 'right' },
    { title: t.cols.qaAvg, key: 'qaAvg', align: 'right', render: (_, r) => (r.qaAvgScore === null ? t.noRate : r.qaAvgScore.toFixed(1)) },
    { title: t.cols.qaPassed, dataIndex: 'qaPassed', align: 'right' },
  ];
}

const lowColumns: ColumnsType<LowSuccessAgent> = [
  { title: t.cols.staffNo, dataIndex: 'staffNo' },
  { title: t.cols.months, key: 'months', render: (_, r) => t.lowMonths(r.months) },
];

/** One table of the report, exported alone as its own workbook (the centre's XLSX with only its sheet). */
function ReportTable<T extends object>(props: {
  title: string;
  rows: readonly T[];
  columns: ColumnsType<T>;
  rowKey: (r: T) => string;
  xlsxHref: string;
  table: ReportTableKey;
  footer?: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={props.title}
      style={{ marginTop: 16 }}
      extra={
        <Typography.Link href={`${props.xlsxHref}&table=${props.table}`} download title={t.exportHint} aria-label={`${props.title} ${t.downloadXlsx}`}>
          {t.downloadXlsx}
        </Typography.Link>
      }
    >
      <Table<T>
        size="small"
        columns={props.columns}
        dataSource={[...props.rows]}
        rowKey={props.rowKey}
        pagination={props.rows.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t.empty }}
        summary={props.footer ? () => props.footer : undefined}
      />
    </Card>
  );
}

function TotalRow({ total }: { total: SuccessRow }) {
  return (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0}>{total.label}</Table.Summary.Cell>
      <Table.Summary.Cell index={1} align="right">
        {total.due}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={2} align="right">
        {total.centreSuccess}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={3} align="right">
        {total.branchSuccess}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={4} align="right">
        {t.pct(total.ratePct)}
      </Table.Summary.Cell>
    </Table.Summary.Row>
  );
}

/** Every table of the management report (docs/domain.md §8), in the order of the workbook's sheets. */
export function ReportTables({ report, xlsxHref }: { report: ManagementReport; xlsxHref: string }) {
  const low = new Set(report.lowSuccessAgents.map((a) => a.staffNo));
  const success = (title: string, rows: readonly SuccessRow[], table: ReportTableKey) => (
    <ReportTable
      title={title}
      rows={rows}
      columns={successColumns}
      rowKey={(r) => r.key}
      xlsxHref={xlsxHref}
      table={table}
      footer={<TotalRow total={report.total} />}
    />
  );
  return (
    <>
      {success(t.tables.byChannel, report.byChannel, 'by_channel')}
      {success(t.tables.byBranch, report.byBranch, 'by_branch')}
      {success(t.tables.byAgent, report.byAgent, 'by_agent')}
      {success(t.tables.byProduct, report.byProduct, 'by_product')}
      <ReportTable
        title={t.tables.kindRates}
        rows={report.kindRates}
        columns={kindColumns}
        rowKey={(r) => `${r.resultClass}/${r.kind}`}
        xlsxHref={xlsxHref}
        table="kind_rates"
      />
      <ReportTable
        title={t.tables.forged}
        rows={report.forgedBySeller}
        columns={forgedColumns}
        rowKey={(r) => `${r.sellerCode}/${r.branchCode}`}
        xlsxHref={xlsxHref}
        table="forged"
      />
      <ReportTable
        title={t.tables.overdue}
        rows={report.overdueByBranch}
        columns={overdueColumns}
        rowKey={(r) => r.branchCode}
        xlsxHref={xlsxHref}
        table="overdue"
      />
      <ReportTable
        title={t.tables.activity}
        rows={report.agentActivity}
        columns={activityColumns(low)}
        rowKey={(r) => r.staffNo}
        xlsxHref={xlsxHref}
        table="activity"
      />
      <ReportTable
        title={t.tables.lowSuccess}
        rows={report.lowSuccessAgents}
        columns={lowColumns}
        rowKey={(r) => r.staffNo}
        xlsxHref={xlsxHref}
        table="low_success"
      />
    </>
  );
}
