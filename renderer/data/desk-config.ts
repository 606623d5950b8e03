import { callingHoursSchema } from '../../shared/domain/calling-hours';
import { huifang } from '../ipc/huifang';
import type { HuifangDb } from './huifang-db';
import { readSetting, writeSetting } from './settings-repo';

/** What a refresh found. */
export interface DeskConfigRefresh {
  /** The centre answered (otherwise the cached or default values stay in force). */
  readonly answered: boolean;
  /** The loaded holiday years differ from the cached ones: dates shown may have to be re-read. */
  readonly calendarChanged: boolean;
  /** The calling hours differ from the cached ones: the queue's "may be called from" must be re-read. */
  readonly hoursChanged?: boolean;
}

/**
 * Refreshes the centre's desk settings (company name said in the script, attempt limit, calling
 * hours, which inbound callers ring, who is on the training line, loaded holiday years) in the cache, so they hold offline too.
 */
export async function refreshDeskConfigDetailed(db: HuifangDb): Promise<DeskConfigRefresh> {
  const answer = await huifang().center.deskConfig({});
  if (!answer.ok || answer.value.kind !== 'ok') return { answered: false, calendarChanged: false };
  const { companyName, maxAttempts, callingHours, calendarYears, inboundCallers, trainingAgents, boardAlerts } = answer.value.config;
  if ((await readSetting(db, 'companyName')) !== companyName) await writeSetting(db, 'companyName', companyName);
  if ((await readSetting(db, 'inboundCallers')) !== inboundCallers) await writeSetting(db, 'inboundCallers', inboundCallers);
  if (JSON.stringify(await readSetting(db, 'trainingAgents')) !== JSON.stringify(trainingAgents)) await writeSetting(db, 'trainingAgents', trainingAgents);
  if (JSON.stringify(await readSetting(db, 'boardAlerts')) !== JSON.stringify(boardAlerts)) await writeSetting(db, 'boardAlerts', boardAlerts);
  if ((await readSetting(db, 'maxAttempts')) !== maxAttempts) await writeSetting(db, 'maxAttempts', maxAttempts);
  // Hours that do not parse here (a zone this platform does not know) leave the cached ones in force.
  const hours = callingHoursSchema.safeParse(callingHours);
  const hoursChanged = hours.success && JSON.stringify(await readSetting(db, 'callingHours')) !== JSON.stringify(hours.data);
  if (hours.success && hoursChanged) await writeSetting(db, 'callingHours', hours.data);
  const calendarChanged = JSON.stringify(await readSetting(db, 'calendarYears')) !== JSON.stringify(calendarYears);
  if (calendarChanged) await writeSetting(db, 'calendarYears', calendarYears);
  return { answered: true, calendarChanged, ...(hoursChanged ? { hoursChanged } : {}) };
}

/** `refreshDeskConfigDetailed`, answering only whether the centre answered. */
export async function refreshDeskConfig(db: HuifangDb): Promise<boolean> {
  return (await refreshDeskConfigDetailed(db)).answered;
}
