import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { reportPeriodSchema, reportQuerySchema, syncError, type CenterResult, type Role, type SyncError } from '../../../shared/sync';
import { requireTeam } from '../../auth/roles';
import { listUsers, type StoredUser } from '../../store/users-repo';
import type { ReportTableKey, ReportTeams } from '../../../shared/sync/reports';
import { audit } from '../../store/audit-repo';
import { buildReport } from '../../reports/build-report';
import { listKeptReports, readKeptReport } from '../../reports/kept-reports';
import { resolvePeriod, type PeriodRange } from '../../reports/report-period';
import { reportWorkbook } from '../../reports/report-xlsx';
import { wallboardTotals } from '../../reports/wallboard';
import type { CenterContext } from '../../center-context';
import type { Route } from '../route';

/** Roles that read every team's report: the centre's administrator and the department head (docs/domain.md §8). */
const DEPARTMENT_WIDE: readonly Role[] = ['admin', 'dept_head'];
/** Who reads management reports. */
export const REPORT_READERS: readonly Role[] = ['team_lead', ...DEPARTMENT_WIDE];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The period and team of a report request: a lead gets their own team (another team is refused),
 * an admin or a department head any team or, without `team`, all teams (the department's report).
 */
export function reportScope(url: URL, user: StoredUser, today: string): { range: PeriodRange; team: string | null } | SyncError {
  const parsed = reportQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return syncError(
      'invalid_request',
      { zh: '报表参数无效：period 应为 YYYY-MM（月）或 YYYY（年）', en: 'bad report query: period must be YYYY-MM (a month) or YYYY (a year)' },
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message })),
    );
  }
  const departmentWide = DEPARTMENT_WIDE.includes(user.role);
  const team = parsed.data.team ?? (departmentWide ? null : user.team);
  if (team !== null && !departmentWide) {
    const denied = requireTeam(user, team);
    if (denied) return denied;
  }
  const range = resolvePeriod(parsed.data.period, today);
  return 'code' in range ? range : { range, team };
}

function sendXlsx(reply: FastifyReply, name: string, bytes: Buffer): 'handled' {
  void reply
    .code(200)
    .headers({ 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' })
    .send(bytes);
  return 'handled';
}

async function scopedReport(center: CenterContext, url: URL, user: StoredUser) {
  const scope = reportScope(url, user, center.today());
  if ('code' in scope) return { ok: false as const, error: scope };
  const report = await buildReport(center.store, scope.range, scope.team, center.today());
  await audit(center.store.db, { actor: user.staffNo, action: 'reports.viewed', target: scope.range.period, detail: { team: scope.team } });
  return { ok: true as const, value: report };
}

/** Management reports (README "Management reports", docs/domain.md §8). */
/** The wallboard's team: the one asked for (a lead only their own), else a lead's own team, or all teams (null) for an admin. */
function wallboardTeam(user: StoredUser, url: URL): CenterResult<string | null> {
  const team = url.searchParams.get('team') ?? (user.role === 'admin' ? null : user.team);
  const denied = team === null ? null : requireTeam(user, team);
  return denied ? { ok: false, error: denied } : { ok: true, value: team };
}

export const reportRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/reports',
    roles: REPORT_READERS,
    summary: 'Management report of a month or year: success rates, problem rates, forged signatures, overdue orders',
    async handle({ center, user, url }): Promise<CenterResult<unknown>> {
      return scopedReport(center, url, user);
    },
  },
  {
    method: 'GET',
    path: '/api/reports/xlsx',
    roles: REPORT_READERS,
    summary: 'The same report as an XLSX workbook; `table` gives one table alone',
    async handle({ center, user, url, reply }) {
      const r = await scopedReport(center, url, user);
      if (!r.ok) return r;
      // Checked by reportScope's schema: one of REPORT_TABLES, or the whole workbook.
      const table = (url.searchParams.get('table') ?? undefined) as ReportTableKey | undefined;
      const name = `report-${r.value.period}${r.value.team ? `-${r.value.team}` : ''}${table ? `-${table}` : ''}.xlsx`;
      return sendXlsx(reply, name, await reportWorkbook(r.value, table));
    },
  },
  {
    method: 'GET',
    path: '/api/reports/teams',
    roles: DEPARTMENT_WIDE,
    summary: 'The teams of the call centre (of its active agents and leads), for narrowing a report or the wallboard',
    async handle({ center }): Promise<CenterResult<ReportTeams>> {
      const users = await listUsers(center.store);
      const teams = new Set(users.filter((u) => u.active && (u.role === 'agent' || u.role === 'team_lead')).map((u) => u.team));
      return { ok: true, value: { teams: [...teams].sort() } };
    },
  },
  {
    method: 'GET',
    path: '/api/reports/kept',
    roles: DEPARTMENT_WIDE,
    summary: 'Reports kept by the monthly job (all teams), newest first',
    async handle({ center }) {
      return { ok: true, value: await listKeptReports(center.store) };
    },
  },
  {
    method: 'GET',
    path: '/api/reports/kept/:period',
    roles: DEPARTMENT_WIDE,
    summary: 'One kept report: the XLSX, or its figures with ?format=json',
    async handle({ center, params, url, reply }) {
      if (!reportPeriodSchema.safeParse(params.period).success)
        return {
          ok: false,
          error: syncError('invalid_request', { zh: '报表期间格式应为 YYYY-MM 或 YYYY', en: `bad period ${params.period}: YYYY-MM or YYYY` }),
        };
      const row = await readKeptReport(center.store, params.period!);
      if (!row) return { ok: false, error: syncError('not_found', { zh: `没有保存 ${params.period} 的报表`, en: `no report kept for ${params.period}` }) };
      if (url.searchParams.get('format') === 'json') return { ok: true, value: JSON.parse(row.figures) as unknown };
      return sendXlsx(reply, `report-${row.period}.xlsx`, Buffer.from(row.xlsx_base64, 'base64'));
    },
  },
  {
    method: 'GET',
    path: '/api/team/wallboard',
    roles: ['team_lead', 'admin'],
    summary: 'Wallboard totals of a team for today',
    async handle({ center, user, url }) {
      const chosen = wallboardTeam(user, url);
      if (!chosen.ok) return chosen;
      const team = chosen.value;
      return { ok: true, value: await wallboardTotals(center.store, team, center.today()) };
    },
  },
  {
    method: 'GET',
    path: '/api/team/wallboard/stream',
    roles: ['team_lead', 'admin'],
    summary:
      'The same totals pushed as server-sent events (`event: totals`, `data:` the totals; `event: failed` with a message when they could not be computed), again after each change at most every few seconds, with a comment line every 25 s to keep proxies from closing it',
    async handle({ center, user, url, reply, req }) {
      const chosen = wallboardTeam(user, url);
      if (!chosen.ok) return chosen;
      const team = chosen.value;
      const stream = new PassThrough();
      const event = (name: string, data: unknown) => stream.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      const keepAlive = setInterval(() => stream.write(': still here\n\n'), 25_000);
      const stop = center.wallboard.watch(team, (n) => {
        if ('totals' in n) event('totals', n.totals);
        else if ('error' in n) event('failed', { message: n.error });
        else stream.end();
      });
      const done = () => {
        clearInterval(keepAlive);
        stop();
      };
      req.on('close', done);
      stream.on('close', done);
      void reply.code(200).headers({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' }).send(stream);
      return 'handled';
    },
  },
];
