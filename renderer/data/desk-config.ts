import { huifang } from '../ipc/huifang';
import type { HuifangDb } from './huifang-db';
import { readSetting, writeSetting } from './settings-repo';

/** What a refresh found. */
export interface DeskConfigRefresh {
  /** The centre answered (otherwise the cached or default values stay in force). */
  readonly answered: boolean;
  /** The loaded holiday years differ from the cached ones: dates shown may have to be re-read. */
  readonly calendarChanged: boolean;
}

/**
 * Refreshes the centre's desk settings (company name said in the script, attempt limit, loaded
 * holiday years) in the cache, so they hold offline too.
 */
export async function refreshDeskConfigDetailed(db: HuifangDb): Promise<DeskConfigRefresh> {
  const answer = await huifang().center.deskConfig({});
  if (!answer.ok || answer.value.kind !== 'ok') return { answered: false, calendarChanged: false };
  const { companyName, maxAttempts, calendarYears } = answer.value.config;
  if ((await readSetting(db, 'companyName')) !== companyName) await writeSetting(db, 'companyName', companyName);
  if ((await readSetting(db, 'maxAttempts')) !== maxAttempts) await writeSetting(db, 'maxAttempts', maxAttempts);
  const calendarChanged = JSON.stringify(await readSetting(db, 'calendarYears')) !== JSON.stringify(calendarYears);
  if (calendarChanged) await writeSetting(db, 'calendarYears', calendarYears);
  return { answered: true, calendarChanged };
}

/** `refreshDeskConfigDetailed`, answering only whether the centre answered. */
export async function refreshDeskConfig(db: HuifangDb): Promise<boolean> {
  return (await refreshDeskConfigDetailed(db)).answered;
}
