import { useLiveQuery } from 'dexie-react-hooks';
import { readAttempts, readOpenCallbacks } from './case-history';
import { readCase } from './case-repo';
import { readCorrections } from './correct-phone';
import { readDayFigures, readFinishedToday, type DayFigures, type FinishedCase } from './day-figures';
import { readDueCallbacks, type DueCallback } from './due-callbacks';
import type { HuifangDb } from './huifang-db';
import type { AttemptRecord, CachedCase, CallbackRecord, PhoneCorrection } from './records';
import { readSetting, type CacheSettings } from './settings-repo';

/*
 * Live views of the cache for components: each re-renders when its rows change. Undefined until
 * the first read answers. The readers open sealed rows after their Dexie reads (liveQuery-safe).
 */

/** One case with its data opened (undefined while reading, without a case, or when not cached). */
export function useCaseRecord(db: HuifangDb, policyNo: string | null): CachedCase | undefined {
  return useLiveQuery(() => (policyNo ? readCase(db, policyNo) : undefined), [db, policyNo]);
}

/** One setting (its default when unset; undefined while reading). */
export function useSetting<K extends keyof CacheSettings>(db: HuifangDb, key: K): CacheSettings[K] | undefined {
  return useLiveQuery(() => readSetting(db, key), [db, key]);
}

/** A case's attempts, opened. */
export function useAttempts(db: HuifangDb, policyNo: string): AttemptRecord[] | undefined {
  return useLiveQuery(() => readAttempts(db, policyNo), [db, policyNo]);
}

/** A case's phone corrections, opened. */
export function useCorrections(db: HuifangDb, policyNo: string): PhoneCorrection[] | undefined {
  return useLiveQuery(() => readCorrections(db, policyNo), [db, policyNo]);
}

/** A case's callbacks still to be made (pending or notified), opened. */
export function useOpenCallbacks(db: HuifangDb, policyNo: string): CallbackRecord[] | undefined {
  return useLiveQuery(() => readOpenCallbacks(db, policyNo), [db, policyNo]);
}

/** The agent's callbacks due today or overdue, oldest first (`now`: the moment "today" is taken from). */
export function useDueCallbacks(db: HuifangDb, agent: string, now: number): DueCallback[] | undefined {
  return useLiveQuery(() => readDueCallbacks(db, agent, new Date(now)), [db, agent, now]);
}

/** The agent's own figures for today. */
export function useDayFigures(db: HuifangDb, agent: string, now: number): DayFigures | undefined {
  return useLiveQuery(() => readDayFigures(db, agent, new Date(now)), [db, agent, now]);
}

/** The cases the agent finished today. */
export function useFinishedToday(db: HuifangDb, agent: string, now: number): FinishedCase[] | undefined {
  return useLiveQuery(() => readFinishedToday(db, agent, new Date(now)), [db, agent, now]);
}
