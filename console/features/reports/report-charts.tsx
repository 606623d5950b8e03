import { useMemo } from 'react';
import { Card, Col, Row } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import type { ManagementReport, SuccessRow, SuccessTrend } from '../../../shared/sync/reports';
import { reportText as t } from '../../i18n/reports';
import { EChart } from './echart';

const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } as const;

function trendOption(trend: SuccessTrend): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => t.pct(v) },
    grid: { left: 48, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: trend.months.map((m) => t.monthShort(m.month)), axisLabel: { interval: 0 } },
    yAxis: percentAxis,
    // A month with nothing due has no rate: a gap in the line, not a fall to zero.
    series: [{ type: 'line', name: t.successRate, connectNulls: false, label: { show: true, formatter: '{c}%' }, data: trend.months.map((m) => m.ratePct) }],
  };
}

function breakdownOption(byChannel: readonly SuccessRow[], byBranch: readonly SuccessRow[]): EChartsCoreOption {
  const rows = [
    ...byChannel.map((r) => ({ ...r, label: `${t.chartChannel}·${r.label}` })),
    ...byBranch.map((r) => ({ ...r, label: `${t.chartBranch}·${r.label}` })),
  ];
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => t.pct(v) },
    grid: { left: 48, right: 24, top: 24, bottom: 64 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: percentAxis,
    series: [{ type: 'bar', name: t.successRate, label: { show: true, position: 'top', formatter: '{c}%' }, data: rows.map((r) => r.ratePct) }],
  };
}

/** The year's success-rate trend and the period's breakdown by channel and branch. */
export function ReportCharts({ report, trend }: { report: ManagementReport; trend: SuccessTrend | null }) {
  const trendOpt = useMemo(() => (trend ? trendOption(trend) : null), [trend]);
  const breakdownOpt = useMemo(() => breakdownOption(report.byChannel, report.byBranch), [report]);
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card title={t.trendTitle(report.period.slice(0, 4))} size="small">
          {trendOpt && <EChart option={trendOpt} label={t.trendTitle(report.period.slice(0, 4))} />}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t.breakdownTitle} size="small">
          <EChart option={breakdownOpt} label={t.breakdownTitle} />
        </Card>
      </Col>
    </Row>
  );
}
