import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Typography, Upload } from 'antd';
import type { CalendarLoadAnswer, LoadedYear } from '../../../shared/sync/calendar';
import { api, ConsoleApiError } from '../../api/client';
import { calendarText as t } from '../../i18n/calendar';
import { checkSchedule, type LocatedIssue, type ScheduleCheck } from './schedule-check';
import { YearGrid } from './year-grid';
import { MovedDates } from './moved-dates';
import { PastLoads } from './past-loads';

function IssueTable({ issues }: { issues: readonly LocatedIssue[] }) {
  return (
    <Table<LocatedIssue>
      size="small"
      pagination={false}
      rowKey={(r) => `${r.path}/${r.code}/${r.message}`}
      dataSource={[...issues]}
      columns={[
        { title: t.errCols.line, key: 'line', width: 90, render: (_, r) => t.line(r.line) },
        { title: t.errCols.path, dataIndex: 'path', width: 200 },
        { title: t.errCols.message, dataIndex: 'message' },
      ]}
    />
  );
}

/**
 * The year's official holiday schedule (README "Holiday schedules"): pasted or read from a file,
 * checked in the browser with the centre's own rules (errors line by line, nothing sent), reviewed
 * on a calendar, then loaded — after which the centre's answer lists the cases and work orders
 * whose dates moved.
 */
export function CalendarScreen() {
  const [years, setYears] = useState<LoadedYear[] | null>(null);
  const [text, setText] = useState('');
  const [check, setCheck] = useState<ScheduleCheck | null>(null);
  const [result, setResult] = useState<CalendarLoadAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let current = true;
    api<{ years: LoadedYear[] }>('GET', '/api/admin/calendar').then(
      (v) => current && setYears(v.years),
      (err: unknown) => current && setError(err instanceof ConsoleApiError ? err.message : String(err)),
    );
    return () => {
      current = false;
    };
  }, [reload]);
  const edit = (next: string) => {
    setText(next);
    setCheck(null);
    setResult(null);
    setError(null);
  };
  const load = async () => {
    if (!check?.ok) return;
    setBusy(true);
    try {
      setResult(await api<CalendarLoadAnswer>('POST', `/api/admin/calendar?year=${check.schedule.year}`, JSON.parse(text) as unknown));
      setError(null);
      setReload((n) => n + 1);
    } catch (err) {
      setError(err instanceof ConsoleApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t.heading}
      </Typography.Title>
      <Card size="small" title={t.loadedYears}>
        <Table<LoadedYear>
          size="small"
          pagination={false}
          rowKey="year"
          loading={years === null && error === null}
          dataSource={years ?? []}
          locale={{ emptyText: t.noYears }}
          columns={[
            { title: t.cols.year, dataIndex: 'year' },
            { title: t.cols.source, dataIndex: 'source' },
            { title: t.cols.holidays, dataIndex: 'holidays' },
            { title: t.cols.workdays, dataIndex: 'workdays' },
            { title: t.cols.loadedBy, dataIndex: 'loadedBy' },
            { title: t.cols.loadedAt, dataIndex: 'loadedAt' },
          ]}
        />
      </Card>
      <PastLoads reload={reload} />
      <Card size="small" title={t.paste}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t.pasteHint}</Typography.Text>
          <Input.TextArea
            aria-label={t.paste}
            value={text}
            onChange={(e) => edit(e.target.value)}
            autoSize={{ minRows: 8, maxRows: 24 }}
            style={{ fontFamily: 'monospace' }}
          />
          <Space>
            <Upload
              accept=".json,application/json,text/plain"
              showUploadList={false}
              beforeUpload={(file) => {
                void file.text().then(edit);
                return false;
              }}
            >
              <Button>{t.chooseFile}</Button>
            </Upload>
            <Button type="primary" onClick={() => setCheck(checkSchedule(text))}>
              {t.check}
            </Button>
            <Button disabled={!check?.ok || result !== null} loading={busy} onClick={() => void load()}>
              {t.load}
            </Button>
          </Space>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {check && !check.ok && (
        <Card size="small" title={<Typography.Text type="danger">{t.errorsTitle(check.errors.length)}</Typography.Text>}>
          <IssueTable issues={check.errors} />
        </Card>
      )}
      {check?.ok && (
        <>
          {!result && <Alert type="success" showIcon title={t.checkedOk(check.schedule.year)} />}
          {check.warnings.length > 0 && (
            <Card size="small" title={t.warningsTitle}>
              <IssueTable issues={check.warnings} />
            </Card>
          )}
          {result && <MovedDates result={result} />}
          <Card size="small" title={t.review(check.schedule.year)}>
            <YearGrid schedule={check.schedule} />
          </Card>
        </>
      )}
    </Space>
  );
}
