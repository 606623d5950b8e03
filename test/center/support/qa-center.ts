import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeCase } from '../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT, initScript } from '../../../shared/domain/script';
import type { CallSession } from '../../../shared/ipc/channels/recording';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './in-process-center';
import type { EngineUnderTest } from './engines';
import { closedSession } from './archive-fixtures';
import { prepared, seedAssignedCases } from './seed';
import { runCall } from '../../shared/domain/qa/call-facts';

/** The default form's items on a regular-premium policy: regulatory first, then conduct. */
export const REGULAR = ['identity', 'signed_personally', 'product_description', 'coverage_term', 'surrender_loss', 'cooling_off', 'payment'];
export const CONDUCT = ['greeting', 'identity_first', 'no_leading', 'no_forbidden', 'pace', 'closing'];
export const ALL_ITEMS = [...REGULAR, ...CONDUCT];
export const allPass = (ids: readonly string[] = ALL_ITEMS) => ids.map((itemId) => ({ itemId, verdict: 'pass' }));
export const failing = (itemId: string, ids: readonly string[] = ALL_ITEMS) =>
  allPass(ids).map((v) => (v.itemId === itemId ? { ...v, verdict: 'fail', note: `${itemId} heard failing` } : v));

/** A centre with five prepared policies, signed-in tokens and only rule-driven sampling (no random share). */
export interface QaCenter {
  readonly center: TestCenter;
  readonly tokens: Record<string, string>;
  /** Archives a completed call of `policyNo` by agent 1001 through the desk's upload route; its session id. */
  archiveCall(policyNo: string, change?: (s: CallSession) => void): Promise<string>;
  /** The call's form as the centre generates it now (form id and latest version included). */
  formOf(id: string, who?: string): Promise<Json>;
  /** Submits an evaluation of `id` against the form the centre gives it now. */
  evaluate(id: string, verdicts: Json, who?: string, calibrationId?: string): Promise<{ status: number; json: Json }>;
  close(): Promise<void>;
}

export async function startQaCenter(engine: EngineUnderTest, tmp: string): Promise<QaCenter> {
  mkdirSync(tmp, { recursive: true });
  const archiveDir = mkdtempSync(join(tmp, 'archive-'));
  const center = await startTestCenter({ engine, archiveDir });
  await seedAssignedCases(center.context.store, [
    prepared('PQ000001'),
    prepared('PQ000002'),
    prepared('PQ000003'),
    prepared('PQ000004', { overrides: { channel: { kind: 'bancassurance', bank: 'Test Bank' } } }),
    prepared('PQ000005'),
  ]);
  const tokens: Record<string, string> = {};
  for (const s of ['1001', '1002', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
  const rules = { problemCases: true, overridden: true, recordingGaps: true, percentOfRest: 0, minPerAgentPerMonth: 0 };
  const saved = await fetch(`${center.url}/api/admin/qa-sampling`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['9001']}` },
    body: JSON.stringify(rules),
  });
  if (saved.status !== 200) throw new Error(`sampling rules refused: ${saved.status}`);
  let n = 0;
  const formOf = async (id: string, who = '3001') => (await get(`${center.url}/api/qa/sessions/${id}/form`, tokens[who])).json.value;
  return {
    center,
    tokens,
    async archiveCall(policyNo, change = () => undefined) {
      const id = `qa-${Date.now().toString(36)}-${n++}`;
      const facts = runCall(initScript(DEFAULT_SCRIPT, makeCase({ policyNo }), '2026-03-10T02:00:00.000Z'));
      const session = closedSession(id, '1001', null);
      Object.assign(session, {
        caseId: policyNo,
        scriptId: DEFAULT_SCRIPT.id,
        scriptVersion: DEFAULT_SCRIPT.version,
        answers: facts.answers,
        markers: facts.markers.map((m) => ({ ...m })),
      });
      change(session);
      const base = `${center.url}/api/archive/sessions/${id}`;
      const up = await post(base, { session, manifest: null, recording: null, wrappedKey: 'A'.repeat(24) }, tokens['1001']);
      if (up.status !== 200) throw new Error(`upload refused: ${JSON.stringify(up.json)}`);
      const done = await post(`${base}/complete`, {}, tokens['1001']);
      if (done.json.value?.state !== 'archived') throw new Error(`not archived: ${JSON.stringify(done.json)}`);
      return id;
    },
    formOf,
    async evaluate(id, verdicts, who = '3001', calibrationId) {
      const { form } = await formOf(id, who);
      const body = { sessionId: id, formId: form.formId, formVersion: form.formVersion, verdicts, ...(calibrationId ? { calibrationId } : {}) };
      return post(`${center.url}/api/qa/evaluations`, body, tokens[who]);
    },
    async close() {
      await center.close();
      rmSync(archiveDir, { recursive: true, force: true });
    },
  };
}
