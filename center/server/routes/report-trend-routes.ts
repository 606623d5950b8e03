import type { SuccessTrend, TrendMonth } from '../../../shared/sync';
import { successFigures } from '../../reports/success-rates';
import { readForReport } from '../../reports/report-source';
import { resolvePeriod, type PeriodRange } from '../../reports/report-period';
import type { Route } from '../route';
import { REPORT_READERS, reportScope } from './report-routes';

/**
 * The success-rate trend behind the console's chart (README "Management reports"): each month of
 * the period's year, from January up to the period's last month, computed with the same figures as
 * the report itself, so a month's point equals that month's report total. Months not begun yet are
 * left out rather than drawn as zero.
 */
export const reportTrendRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/reports/trend',
    roles: REPORT_READERS,
    summary: 'Success rate per month of a year, up to the period asked for (for charts)',
    async handle({ center, user, url }) {
      const today = center.today();
      const scope = reportScope(url, user, today);
      if ('code' in scope) return { ok: false, error: scope };
      const year = scope.range.period.slice(0, 4);
      const last = scope.range.months[scope.range.months.length - 1]!;
      // One snapshot for the whole year, as for the report itself.
      const months = await readForReport(center.store, async (src) => {
        const points: TrendMonth[] = [];
        for (const month of (resolvePeriod(year, today) as PeriodRange).months) {
          if (month > last || month > today.slice(0, 7)) break;
          const range = resolvePeriod(month, today) as PeriodRange;
          const { total } = await successFigures(src, range.from, range.to, scope.team);
          points.push({ month, due: total.due, successes: total.centreSuccess + total.branchSuccess, ratePct: total.ratePct });
        }
        return points;
      });
      const value: SuccessTrend = { year, team: scope.team, months };
      return { ok: true, value };
    },
  },
];
