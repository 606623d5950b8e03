import { localIsoDate } from '../../shared/domain/calendar/iso-date';
import { isoWeek, sampleDraw } from '../../shared/domain/qa/sampling';

/**
 * The sampling keys of an archived call, written with it (migration 0025): the centre's local day
 * of the call (the weeks and months QA samples are local), its ISO week and its stable draw.
 */
export function sampleKeys(sessionId: string, createdAtIso: string): { sample_day: string; sample_week: string; sample_draw: number } {
  const day = localIsoDate(new Date(createdAtIso));
  return { sample_day: day, sample_week: isoWeek(day), sample_draw: sampleDraw(sessionId) };
}
