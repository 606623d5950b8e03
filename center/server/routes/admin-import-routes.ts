import { importMappingSchema, syncError } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { mappingView, readSavedMapping, unknownMappingFields, writeSavedMapping } from '../../admin/import-mapping-repo';
import { readImportReport } from '../../admin/import-reports-repo';
import { importReportWorkbook, outcomeFilter } from '../../admin/import-report-xlsx';
import { route, type Route } from '../route';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The list import's companions in the console: the column mapping edited on screen (saved at the
 * centre, read by every later import) and an import's per-row report as a workbook.
 */
export const adminImportRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/admin/import/mapping',
    roles: ['admin'],
    summary: 'The saved column mapping and every field as the import reads it',
    async handle({ center }) {
      return { ok: true, value: await mappingView(center.store, center.mapping) };
    },
  },
  route({
    method: 'PUT',
    path: '/api/admin/import/mapping',
    roles: ['admin'],
    body: importMappingSchema,
    summary: 'Saves the column mapping (replaces the saved part); unknown field keys are refused',
    async handle({ center, user, body }) {
      const unknown = unknownMappingFields(body, center.mapping);
      if (unknown.length > 0) {
        return {
          ok: false,
          error: syncError(
            'invalid_request',
            { zh: `没有这些字段：${unknown.join('、')}`, en: `unknown field keys: ${unknown.join(', ')}` },
            unknown.map((key) => ({ path: key, message: 'no such case field' })),
          ),
        };
      }
      const before = await readSavedMapping(center.store);
      await writeSavedMapping(center.store, body);
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.import_mapping', detail: { before, after: body } });
      return { ok: true, value: await mappingView(center.store, center.mapping) };
    },
  }),
  {
    method: 'GET',
    path: '/api/admin/imports/:id/report.xlsx',
    roles: ['admin'],
    summary: 'An import’s per-row report as XLSX (?outcome= one outcome only)',
    async handle({ center, user, params, url, reply }) {
      const outcome = outcomeFilter(url.searchParams.get('outcome'));
      if (outcome === null) return { ok: false, error: syncError('invalid_request', { zh: '筛选条件不是导入结果之一', en: 'outcome: not an import outcome' }) };
      const report = await readImportReport(center.store, params.id);
      if (!report) return { ok: false, error: syncError('not_found', { zh: '没有这份导入明细', en: 'no such import report' }) };
      const bytes = await importReportWorkbook(report, outcome);
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.import_report_download', target: params.id, detail: { outcome: outcome ?? null } });
      const name = `import-report-${params.id.slice(0, 8)}.xlsx`;
      void reply
        .code(200)
        .headers({ 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' })
        .send(bytes);
      return 'handled';
    },
  },
];
