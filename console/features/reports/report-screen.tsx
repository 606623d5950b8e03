import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Row, Segmented, Select, Space, Spin, Statistic, Typography } from 'antd';
import type { Role } from '../../../shared/sync/auth';
import type { ManagementReport, SuccessTrend } from '../../../shared/sync/reports';
import { api, ConsoleApiError } from '../../api/client';
import { reportText as t } from '../../i18n/reports';
import { KeptReports } from './kept-reports';
import { initialPeriod, periodOptions, type PeriodKind } from './period-options';
import { ReportCharts } from './report-charts';
import { ReportTables } from './report-tables';
import { TeamPicker, teamParam } from './team-picker';

type Loaded = { state: 'loading' } | { state: 'failed'; error: string } | { state: 'ready'; report: ManagementReport; trend: SuccessTrend | null };

const message = (err: unknown) => (err instanceof ConsoleApiError ? err.message : String(err));

/**
 * The management report of a month or a year (docs/domain.md §8): the success rate and its trend,
 * the breakdowns, and every table with its XLSX. A period given in the address (`?period=`) is
 * asked for as is, so a malformed or future one gets the centre's own explanation on screen.
 */
export function ReportScreen({ role }: { role: Role }) {
  const [period, setPeriod] = useState(() => initialPeriod(window.location.search, new Date()));
  const [team, setTeam] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const kind: PeriodKind = period.length === 4 ? 'year' : 'month';
  const departmentWide = role === 'admin' || role === 'dept_head';
  // A lead's report is their own team's: the centre decides, the lead is not offered a choice.
  const query = `period=${encodeURIComponent(period)}${teamParam(team)}`;
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    api<ManagementReport>('GET', `/api/reports?${query}`)
      .then(async (report) => {
        // The chart is an extra: a report without its trend is still the report.
        const trend = await api<SuccessTrend>('GET', `/api/reports/trend?${query}`).catch(() => null);
        if (current) setLoaded({ state: 'ready', report, trend });
      })
      .catch((err: unknown) => current && setLoaded({ state: 'failed', error: message(err) }));
    return () => {
      current = false;
    };
  }, [query]);

  const options = periodOptions(kind, new Date());
  const xlsxHref = `/api/reports/xlsx?${query}`;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.heading}
        </Typography.Title>
        <Segmented<PeriodKind>
          value={kind}
          options={[
            { value: 'month', label: t.month },
            { value: 'year', label: t.year },
          ]}
          onChange={(k) => setPeriod(periodOptions(k, new Date())[0]!)}
        />
        <Select
          aria-label={t.periodLabel}
          style={{ width: 160 }}
          value={period}
          onChange={setPeriod}
          options={options.map((p) => ({ value: p, label: kind === 'year' ? t.yearOption(p) : t.monthOption(p) }))}
        />
        {departmentWide && <TeamPicker value={team} onChange={setTeam} />}
        <Button href={xlsxHref} download title={t.exportAllHint} disabled={loaded.state !== 'ready'}>
          {t.downloadXlsx}
        </Button>
      </Space>
      {loaded.state === 'loading' && <Spin tip={t.loading} />}
      {loaded.state === 'failed' && <Alert type="error" showIcon title={loaded.error} />}
      {loaded.state === 'ready' && <ReportBody report={loaded.report} trend={loaded.trend} xlsxHref={xlsxHref} />}
      {departmentWide && <KeptReports />}
    </Space>
  );
}

function ReportBody({ report, trend, xlsxHref }: { report: ManagementReport; trend: SuccessTrend | null; xlsxHref: string }) {
  return (
    <>
      <Card size="small">
        <Row gutter={24} align="middle">
          <Col>
            <Statistic title={t.successRate} value={t.pct(report.total.ratePct)} />
            <Typography.Text type="secondary">{t.successFormula}</Typography.Text>
          </Col>
          <Col>
            <Statistic title={t.dueCases} value={report.total.due} />
          </Col>
          <Col>
            <Statistic title={t.successes} value={report.total.centreSuccess + report.total.branchSuccess} />
          </Col>
          <Col>
            <Typography.Text type="secondary">
              {t.scope(report.team)} · {t.generatedAt(report.generatedAt)}
            </Typography.Text>
          </Col>
        </Row>
      </Card>
      <ReportCharts report={report} trend={trend} />
      <ReportTables report={report} xlsxHref={xlsxHref} />
    </>
  );
}
