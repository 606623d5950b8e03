import { syncError } from '../../../shared/sync';
import {
  inPersonVisitFieldsSchema,
  letterBatchRequestSchema,
  letterEventSchema,
  VISIT_DOCUMENT_MAX_BYTES,
  VISIT_DOCUMENT_PARTS,
  visitIdCopyFieldsSchema,
} from '../../../shared/sync/visits';
import { applyLetterEvent } from '../../visits/letter-events';
import { readDeskConfig } from '../../store/desk-config-repo';
import { buildLetterPdf, checkLetterFont } from '../../visits/letter-pdf';
import { lettersCases, recordLetters } from '../../visits/letters-repo';
import { addIdCopy, recordVisit } from '../../visits/in-person-visits';
import { viewDocument } from '../../visits/document-view';
import { visitWorkList } from '../../visits/visit-list';
import { multipart, route, type Route } from '../route';

/**
 * Letter and in-person call-backs (信函回访 / 上门回访, docs/domain.md §4) for branch staff and
 * admins; branch users only reach their own branch's cases (center/auth/branch-scope.ts).
 */
export const visitRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/visits',
    roles: ['branch', 'admin'],
    summary: "The branch's cases whose phone attempts are exhausted, its letters and its in-person visits",
    async handle({ center, user }) {
      return { ok: true, value: await visitWorkList(center.store, user) };
    },
  }),
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
  route({
    method: 'POST',
    path: '/api/visits/in-person',
    roles: ['branch', 'admin'],
    body: multipart(inPersonVisitFieldsSchema, VISIT_DOCUMENT_PARTS, VISIT_DOCUMENT_MAX_BYTES),
    bodyLimit: 2 * VISIT_DOCUMENT_MAX_BYTES + 256 * 1024,
    summary: 'An in-person visit: the signed questionnaire and the ID copy (JPEG, PNG or PDF, 10 MB each); without the ID copy it is recorded as invalid',
    async handle({ center, user, body }) {
      const r = await recordVisit({ store: center.store, archive: center.archive, today: center.today() }, user, {
        ...body.fields,
        questionnaire: body.files.questionnaire,
        idCopy: body.files.idCopy,
      });
      if (!r.ok) return r;
      const { touched, ...visit } = r.value;
      center.notifier.notify(touched);
      return { ok: true, value: visit };
    },
  }),
  route({
    method: 'POST',
    path: '/api/visits/in-person/:visitId',
    roles: ['branch', 'admin'],
    body: multipart(visitIdCopyFieldsSchema, ['idCopy'], VISIT_DOCUMENT_MAX_BYTES),
    bodyLimit: VISIT_DOCUMENT_MAX_BYTES + 64 * 1024,
    summary: "Adds the missing ID copy to an invalid visit (with the visit's version as read); the visit becomes valid and counts",
    async handle({ center, user, body, params }) {
      const ctx = { store: center.store, archive: center.archive, today: center.today() };
      const r = await addIdCopy(ctx, user, params.visitId, body.fields.version, body.files.idCopy);
      if (!r.ok) return r;
      const { touched, ...visit } = r.value;
      center.notifier.notify(touched);
      return { ok: true, value: visit };
    },
  }),
  route({
    method: 'GET',
    path: '/api/visits/documents/:documentId',
    roles: ['branch', 'admin'],
    summary: 'One uploaded visit document, decrypted; every view is audited',
    async handle({ center, user, params, reply }) {
      const r = await viewDocument(center.store, center.archive, user, params.documentId);
      if (!r.ok) return r;
      const ext = r.value.mediaType === 'application/pdf' ? 'pdf' : r.value.mediaType === 'image/png' ? 'png' : 'jpg';
      void reply
        .code(200)
        .headers({
          'content-type': r.value.mediaType,
          'content-length': String(r.value.size),
          'content-disposition': `inline; filename="${r.value.part}.${ext}"`,
          'cache-control': 'no-store',
        })
        .send(r.value.stream);
      return 'handled';
    },
  }),
];
