import type { Kysely } from 'kysely';
import { syncError, type CenterResult } from '../../shared/sync';
import type { z } from 'zod';
import type { qaFormBodySchema } from '../../shared/sync/qa';
import { DEFAULT_QA_FORM } from '../../shared/domain/qa/default-qa-form';
import { appliedStepIds, formProblems, generateForm, type QaForm, type QaFormVersion } from '../../shared/domain/qa/qa-form';
import { CHECKED_SCRIPTS } from '../../shared/domain/outcome/rederive';
import { parseCase } from '../../shared/domain/case';
import type { CenterDatabase } from '../store/db-schema';
import { nowIso } from '../store/clock';
import { audit } from '../store/audit-repo';

type Db = Kysely<CenterDatabase>;

/** The form every call gets until an administrator saves another (stored on first use, so evaluations can name it). */
async function ensureDefault(db: Db): Promise<void> {
  await db
    .insertInto('qa_form_versions')
    .values({
      form_id: DEFAULT_QA_FORM.formId,
      version: DEFAULT_QA_FORM.version,
      definition: JSON.stringify(DEFAULT_QA_FORM),
      created_by: 'system',
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['form_id', 'version']).doNothing())
    .execute();
}

/** One saved version, or the latest of the form when `version` is absent. */
export async function formVersion(db: Db, formId: string = DEFAULT_QA_FORM.formId, version?: number): Promise<QaFormVersion | null> {
  await ensureDefault(db);
  let q = db.selectFrom('qa_form_versions').select('definition').where('form_id', '=', formId);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? (JSON.parse(row.definition) as QaFormVersion) : null;
}

/** Every saved version, newest first (administrators). */
export async function listFormVersions(db: Db): Promise<{ version: QaFormVersion; createdBy: string; createdAt: string }[]> {
  await ensureDefault(db);
  const rows = await db.selectFrom('qa_form_versions').selectAll().orderBy('form_id').orderBy('version', 'desc').execute();
  return rows.map((r) => ({ version: JSON.parse(r.definition) as QaFormVersion, createdBy: r.created_by, createdAt: r.created_at }));
}

/**
 * Saves a new version of a form: checked against every script the centre knows (a form must leave no
 * mandatory regulatory question unscored); the version number is the next one. Audited.
 */
export async function saveFormVersion(db: Db, body: z.output<typeof qaFormBodySchema>, actor: string): Promise<CenterResult<QaFormVersion>> {
  return db.transaction().execute(async (trx) => {
    const latest = await formVersion(trx, body.formId);
    const form: QaFormVersion = { ...body, version: (latest?.version ?? 0) + 1 };
    const problems = CHECKED_SCRIPTS.flatMap((s) => formProblems(form, s));
    if (problems.length > 0) {
      return {
        ok: false as const,
        error: syncError(
          'invalid_request',
          { en: `the form is not valid: ${problems.join('; ')}` },
          problems.map((message) => ({ path: 'items', message })),
        ),
      };
    }
    await trx
      .insertInto('qa_form_versions')
      .values({ form_id: form.formId, version: form.version, definition: JSON.stringify(form), created_by: actor, created_at: nowIso() })
      .execute();
    await audit(trx, {
      actor,
      action: 'qa.form_version',
      target: `${form.formId}@${form.version}`,
      detail: { items: form.items.length, passMark: form.passMark },
    });
    return { ok: true as const, value: form };
  });
}

/** What the centre knows of one archived call for QA. */
export interface QaCall {
  readonly sessionId: string;
  readonly policyNo: string;
  readonly agentId: string;
  readonly team: string;
  readonly createdAt: string;
  readonly outcome: string | null;
  readonly scriptId: string;
  readonly scriptVersion: string;
  readonly answers: Readonly<Record<string, string>>;
}

/** The archived call with its script facts, or why QA cannot score it. */
export async function qaCall(db: Db, sessionId: string): Promise<CenterResult<QaCall>> {
  const row = await db
    .selectFrom('archived_sessions as a')
    .leftJoin('session_check_facts as f', 'f.session_id', 'a.session_id')
    .select(['a.session_id', 'a.case_id', 'a.agent_id', 'a.team', 'a.created_at', 'a.outcome', 'a.purged_at', 'f.facts'])
    .where('a.session_id', '=', sessionId)
    .executeTakeFirst();
  if (!row || row.purged_at !== null) return { ok: false, error: syncError('not_found', { en: `no archived call ${sessionId}` }) };
  const facts = row.facts ? (JSON.parse(row.facts) as { scriptId: string | null; scriptVersion: string | null; answers: Record<string, string> }) : null;
  if (!row.case_id || !facts?.scriptId || !facts.scriptVersion)
    return { ok: false, error: syncError('conflict', { en: `call ${sessionId} has no case or no script on record: there is nothing to score against` }) };
  return {
    ok: true,
    value: {
      sessionId,
      policyNo: row.case_id,
      agentId: row.agent_id,
      team: row.team,
      createdAt: row.created_at,
      outcome: row.outcome,
      scriptId: facts.scriptId,
      scriptVersion: facts.scriptVersion,
      answers: facts.answers,
    },
  };
}

/**
 * The form of one call: the form version (latest unless named) generated with the script version the
 * call used and the steps that applied to its case (the script engine's rule over the stored case).
 */
export async function formForCall(db: Db, call: QaCall, want?: { formId: string; version: number }): Promise<CenterResult<QaForm>> {
  const script = CHECKED_SCRIPTS.find((s) => s.id === call.scriptId && s.version === call.scriptVersion);
  if (!script) return { ok: false, error: syncError('conflict', { en: `script ${call.scriptId} ${call.scriptVersion} is not known to the centre` }) };
  const caseRow = await db.selectFrom('cases').select('data').where('policy_no', '=', call.policyNo).executeTakeFirst();
  const parsed = caseRow ? parseCase(JSON.parse(caseRow.data)) : null;
  if (!parsed?.ok) return { ok: false, error: syncError('conflict', { en: `the case ${call.policyNo} of call ${call.sessionId} is not on record` }) };
  const form = await formVersion(db, want?.formId, want?.version);
  if (!form) return { ok: false, error: syncError('not_found', { en: `no QA form ${want?.formId} version ${want?.version}` }) };
  return { ok: true, value: generateForm(form, script, appliedStepIds(script, parsed.value)) };
}
