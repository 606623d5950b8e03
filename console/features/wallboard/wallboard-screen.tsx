import { useEffect, useState } from 'react';
import { Alert, Card, Col, Row, Typography } from 'antd';
import type { WallboardTotals } from '../../../shared/sync/reports';
import { api, ConsoleApiError } from '../../api/client';
import { reportText } from '../../i18n/reports';
import type { Role } from '../../../shared/sync/auth';
import { TeamPicker } from '../reports/team-picker';

const t = reportText.wallboard;
/** A team lead glances at the board; half a minute old is fresh enough and costs the centre little. */
const WALLBOARD_REFRESH_MS = 30_000;

function Figure({ title, value, tone }: { title: string; value: string; tone?: 'warn' }) {
  return (
    <Card>
      <Typography.Text style={{ fontSize: 22 }}>{title}</Typography.Text>
      <div role="status" aria-label={title} style={{ fontSize: 88, fontWeight: 700, lineHeight: 1.1, color: tone === 'warn' ? '#cf1322' : undefined }}>
        {value}
      </div>
    </Card>
  );
}

/**
 * The team's totals for today in figures readable across the room (README "Management reports"):
 * due today, done today, this month's success rate so far and the cases near their deadline. The
 * centre pushes new totals as results land (server-sent events, `/api/team/wallboard/stream`; the
 * browser reconnects by itself); where the browser has no EventSource it asks again every 30 s. A
 * lost connection or a failed refresh keeps the last figures and says so.
 */
export function WallboardScreen({ role, refreshMs = WALLBOARD_REFRESH_MS }: { role: Role; refreshMs?: number }) {
  // An admin picks a team (or the whole centre); a lead's board is their own team's.
  const [team, setTeam] = useState<string | null>(null);
  const [totals, setTotals] = useState<WallboardTotals | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pushed = typeof EventSource !== 'undefined';
  useEffect(() => {
    let current = true;
    const query = team === null ? '' : `?team=${encodeURIComponent(team)}`;
    const shown = (value: WallboardTotals) => {
      if (!current) return;
      setTotals(value);
      setRefreshedAt(new Date().toLocaleTimeString('zh-CN', { hour12: false }));
      setError(null);
    };
    if (pushed) {
      // Same origin: the session cookie goes with it, as with every request of the console.
      const source = new EventSource(`/api/team/wallboard/stream${query}`);
      source.addEventListener('totals', (e) => shown(JSON.parse((e as MessageEvent<string>).data) as WallboardTotals));
      source.addEventListener('failed', (e) => current && setError((JSON.parse((e as MessageEvent<string>).data) as { message: string }).message));
      source.onerror = () => current && setError(t.disconnected);
      return () => {
        current = false;
        source.close();
      };
    }
    const refresh = () =>
      api<WallboardTotals>('GET', `/api/team/wallboard${query}`).then(
        shown,
        (err: unknown) => current && setError(err instanceof ConsoleApiError ? err.message : String(err)),
      );
    void refresh();
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [refreshMs, team, pushed]);
  return (
    <div>
      <Typography.Title level={2}>
        {t.heading}
        {totals && (
          <Typography.Text type="secondary" style={{ fontSize: 20, marginLeft: 16 }}>
            {reportText.scope(totals.team)} · {t.today(totals.today)}
          </Typography.Text>
        )}
      </Typography.Title>
      {role === 'admin' && <TeamPicker value={team} onChange={setTeam} />}
      {error && <Alert type="warning" showIcon title={totals ? `${t.stale}${error}` : error} style={{ marginBottom: 16 }} />}
      {totals && (
        <Row gutter={[24, 24]}>
          <Col xs={24} md={12} xl={6}>
            <Figure title={t.dueToday} value={String(totals.dueToday)} />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Figure title={t.doneToday} value={String(totals.doneToday)} />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Figure title={t.monthSuccess} value={reportText.pct(totals.monthSuccessPct)} />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Figure title={t.atRisk(totals.riskDays)} value={String(totals.atRisk)} tone={totals.atRisk > 0 ? 'warn' : undefined} />
          </Col>
        </Row>
      )}
      {refreshedAt && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {pushed ? t.pushed(refreshedAt) : t.refreshed(refreshedAt)}
        </Typography.Paragraph>
      )}
    </div>
  );
}
