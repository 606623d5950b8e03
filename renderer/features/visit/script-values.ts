import type { PolicyCase } from '../../../shared/domain/case';
import { PLACEHOLDERS, placeholdersIn } from '../../../shared/domain/script/placeholders';
import type { ScriptDefinition } from '../../../shared/domain/script/script-definition';
import type { HuifangDb } from '../../data/huifang-db';
import { readSetting } from '../../data/settings-repo';

/**
 * The values the script's placeholders take on this call (product, premium, dates, the company's
 * and the agent's names …), kept with the call session so QA reads every question as it was read.
 * Contact data stay masked (as before identity is confirmed): QA needs to know what was asked,
 * not the policyholder's full number.
 */
export async function sessionScriptValues(
  db: HuifangDb,
  script: ScriptDefinition,
  policy: PolicyCase,
  staffNo: string,
  dialled: string,
): Promise<Record<string, string>> {
  const ctx = { companyName: await readSetting(db, 'companyName'), staffNo, dialledNumber: dialled, identityConfirmed: false };
  const names = new Set(script.steps.flatMap((s) => [...placeholdersIn(s.text), ...placeholdersIn(s.explanation ?? '')]));
  const values: Record<string, string> = {};
  for (const name of names) {
    const fill = PLACEHOLDERS[name];
    if (fill) values[name] = fill(policy, ctx).slice(0, 500);
  }
  return values;
}
