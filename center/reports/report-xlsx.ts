import type { ManagementReport, SuccessRow } from '../../shared/sync';
import type { ReportTableKey } from '../../shared/sync/reports';
import { CLASS_LABELS } from './report-labels';

type Cell = string | number | null;
/** One table of the workbook: a sheet name, its title, headers, rows and (optionally) a totals row. */
interface Table {
  readonly key: ReportTableKey;
  readonly sheet: string;
  readonly title: string;
  readonly headers: string[];
  readonly rows: Cell[][];
  readonly totals?: Cell[];
}

const SUCCESS_HEADERS = (groupName: string) => [groupName, '名称', '应回访件数', '回访中心成功件数', '机构跟进成功件数', '回访成功率（%）'];
const successRows = (rows: readonly SuccessRow[]): Cell[][] => rows.map((r) => [r.key, r.label, r.due, r.centreSuccess, r.branchSuccess, r.ratePct]);
const successTotals = (t: SuccessRow): Cell[] => ['合计', '', t.due, t.centreSuccess, t.branchSuccess, t.ratePct];
const sum = (rows: readonly Cell[][], col: number) => rows.reduce((n, r) => n + (typeof r[col] === 'number' ? (r[col] as number) : 0), 0);

function tables(r: ManagementReport): Table[] {
  const kinds = r.kindRates.map((k): Cell[] => [CLASS_LABELS[k.resultClass] ?? k.resultClass, k.kind, k.cases, k.ratePct]);
  const forged = r.forgedBySeller.map((f): Cell[] => [f.sellerCode, f.sellerName, f.branchCode, f.cases]);
  const overdue = r.overdueByBranch.map((o): Cell[] => [o.branchCode, o.branchName, o.open, o.overdue, o.closedLate]);
  const activity = r.agentActivity.map((a): Cell[] => [
    a.staffNo,
    a.calls,
    a.connected,
    a.talkSec,
    a.workingSec,
    a.breakSec,
    a.readySec,
    a.pausedSec,
    a.inCallSec,
    a.wrapUpSec,
    a.qaEvaluations,
    a.qaAvgScore,
    a.qaPassed,
  ]);
  const low = r.lowSuccessAgents.map((a): Cell[] => [a.staffNo, a.months.map((m) => `${m.period}: ${m.ratePct}%`).join('；')]);
  return [
    {
      key: 'by_channel',
      sheet: '按渠道',
      title: '回访成功率（按销售渠道）',
      headers: SUCCESS_HEADERS('渠道'),
      rows: successRows(r.byChannel),
      totals: successTotals(r.total),
    },
    {
      key: 'by_branch',
      sheet: '按机构',
      title: '回访成功率（按机构）',
      headers: SUCCESS_HEADERS('机构代码'),
      rows: successRows(r.byBranch),
      totals: successTotals(r.total),
    },
    {
      key: 'by_agent',
      sheet: '按坐席',
      title: '回访成功率（按回访坐席）',
      headers: SUCCESS_HEADERS('坐席工号'),
      rows: successRows(r.byAgent),
      totals: successTotals(r.total),
    },
    {
      key: 'by_product',
      sheet: '按险种',
      title: '回访成功率（按险种设计类型）',
      headers: SUCCESS_HEADERS('险种类型'),
      rows: successRows(r.byProduct),
      totals: successTotals(r.total),
    },
    {
      key: 'kind_rates',
      sheet: '问题件与次标准件',
      title: '问题件率与次标准件率（按类别）',
      headers: ['结果类别', '类别代码', '件数', '占应回访比例（%）'],
      rows: kinds,
      totals: ['合计', '', sum(kinds, 2), null],
    },
    {
      key: 'forged',
      sheet: '冒签',
      title: '冒签件（按销售人员）',
      headers: ['业务员代码', '业务员姓名', '机构代码', '件数'],
      rows: forged,
      totals: ['合计', '', '', sum(forged, 3)],
    },
    {
      key: 'overdue',
      sheet: '工单逾期',
      title: '工单逾期（按机构）',
      headers: ['机构代码', '机构名称', '未结工单', '逾期工单', '逾期结案'],
      rows: overdue,
      totals: ['合计', '', sum(overdue, 2), sum(overdue, 3), sum(overdue, 4)],
    },
    {
      key: 'activity',
      sheet: '坐席工作量',
      title: '坐席工作量与质检得分',
      headers: [
        '坐席工号',
        '外呼次数',
        '接通次数',
        '通话时长（秒）',
        '在线工作时长（秒）',
        '小休时长（秒）',
        '就绪时长（秒）',
        '示忙时长（秒）',
        '通话中时长（秒）',
        '话后处理时长（秒）',
        '质检份数',
        '质检平均分',
        '质检合格份数',
      ],
      rows: activity,
      totals: ['合计', ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((c) => sum(activity, c)), null, sum(activity, 12)],
    },
    { key: 'low_success', sheet: '持续低成功率坐席', title: '持续低成功率坐席（预警）', headers: ['坐席工号', '各月成功率'], rows: low },
  ];
}

/** Display width of a value: CJK characters take two columns. */
const widthOf = (v: Cell) => [...String(v ?? '')].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

/**
 * The report as an XLSX workbook, one sheet per table (or only the table `only`): title, period,
 * generation time, the header row, the rows and a totals row; columns as wide as their widest cell
 * (within bounds).
 */
export async function reportWorkbook(r: ManagementReport, only?: ReportTableKey): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // on demand: see center/import/read-xlsx.ts
  const wb = new Excel.Workbook();
  wb.created = new Date(r.generatedAt);
  for (const t of tables(r).filter((x) => only === undefined || x.key === only)) {
    const ws = wb.addWorksheet(t.sheet);
    ws.addRow([t.title]).font = { bold: true, size: 14 };
    ws.addRow([`统计期间：${r.period}`, `回访组：${r.team ?? '全部'}`]);
    ws.addRow([`生成时间：${r.generatedAt}`]);
    ws.addRow([]);
    const header = ws.addRow(t.headers);
    header.font = { bold: true };
    for (const row of t.rows) ws.addRow(row);
    if (t.totals) ws.addRow(t.totals).font = { bold: true };
    ws.columns.forEach((col, i) => {
      const widest = Math.max(widthOf(t.headers[i] ?? ''), ...t.rows.map((row) => widthOf(row[i] ?? null)), widthOf(t.totals?.[i] ?? null));
      col.width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
