import { syncError } from '../../../shared/sync';
import { letterBatchRequestSchema, letterEventSchema } from '../../../shared/sync/visits';
import { applyLetterEvent } from '../../visits/letter-events';
import { readDeskConfig } from '../../store/desk-config-repo';
import { buildLetterPdf, checkLetterFont } from '../../visits/letter-pdf';
import { lettersCases, recordLetters } from '../../visits/letters-repo';
import { route, type Route } from '../route';

/**
 * Letter and in-person call-backs (信函回访 / 上门回访, docs/domain.md §4) for branch staff and
 * admins; branch users only reach their own branch's cases (center/auth/branch-scope.ts).
 */
export const visitRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/visits/letters',
    roles: ['branch', 'admin'],
    body: letterBatchRequestSchema,
    summary: 'One printable PDF (a letter and questionnaire per case) for cases whose phone attempts are exhausted; records the letters',
    async handle({ center, user, body, reply }) {
      const missingFont = checkLetterFont(center.letterFontPath);
      if (missingFont) return { ok: false, error: syncError('internal', { zh: '服务器缺少信函所需的中文字体', en: missingFont }) };
      const cases = await lettersCases(center.store, user, body.policyNos);
      if (!cases.ok) return cases;
      const { companyName } = await readDeskConfig(center.store);
      // The PDF is built before anything is recorded: a failure leaves no letter rows behind.
      const pdf = await buildLetterPdf(cases.value, { companyName, fontPath: center.letterFontPath, today: center.today() });
      const batchId = await recordLetters(center.store, user, cases.value, new Date().toISOString());
      void reply.code(200).headers({ 'content-type': 'application/pdf', 'x-letter-batch': batchId, 'cache-control': 'no-store' }).send(pdf);
      return 'handled';
    },
  }),
  route({
    method: 'POST',
    path: '/api/visits/letters/:batchId/:policyNo',
    roles: ['branch', 'admin'],
    body: letterEventSchema,
    summary: 'Mailed on a date, not returned, or returned with the questionnaire answers (classified by the outcome scheme)',
    async handle({ center, user, body, params }) {
      const r = await applyLetterEvent(center.store, user, { batchId: params.batchId, policyNo: params.policyNo }, body, center.today());
      if (!r.ok) return r;
      const { touched, ...letter } = r.value;
      center.notifier.notify(touched);
      return { ok: true, value: letter };
    },
  }),
];
