import { huifang } from '../ipc/huifang';
import type { HuifangDb } from './huifang-db';
import { readSetting, writeSetting } from './settings-repo';

/**
 * Refreshes the centre's desk settings (company name said in the script, attempt limit) in the
 * cache, so they hold offline too. Returns true when the centre answered; when it cannot be
 * reached the cached (or default) values stay in force.
 */
export async function refreshDeskConfig(db: HuifangDb): Promise<boolean> {
  const answer = await huifang().center.deskConfig({});
  if (!answer.ok || answer.value.kind !== 'ok') return false;
  const { companyName, maxAttempts } = answer.value.config;
  if ((await readSetting(db, 'companyName')) !== companyName) await writeSetting(db, 'companyName', companyName);
  if ((await readSetting(db, 'maxAttempts')) !== maxAttempts) await writeSetting(db, 'maxAttempts', maxAttempts);
  return true;
}
