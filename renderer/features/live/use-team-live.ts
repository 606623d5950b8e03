import { useEffect, useState } from 'react';
import type { TeamLiveResponse } from '../../../shared/sync';
import { huifang } from '../../ipc/huifang';

/** What the board shows: the last answer, the names from the roster, the last failure. */
export interface TeamLiveView {
  readonly live: TeamLiveResponse | null;
  readonly names: ReadonlyMap<string, string>;
  readonly error: string | null;
}

/** Poll interval of the board when no push notice comes (ms). */
export const BOARD_POLL_MS = 10_000;
/** At most one read per this many ms when notices come in bursts. */
export const BOARD_MIN_READ_GAP_MS = 1_000;

/**
 * Reads the team's live board: at once, on every `center:live` notice (at most one read per
 * second: each read is audited at the centre) and every 10 s as a fallback. Names come from the
 * team roster (`center:roster`), read once.
 */
export function useTeamLive(team?: string): TeamLiveView {
  const [view, setView] = useState<TeamLiveView>({ live: null, names: new Map(), error: null });

  useEffect(() => {
    let stopped = false;
    let reading = false;
    let again = false;
    let lastRead = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const read = async () => {
      timer = null;
      if (stopped) return;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      lastRead = Date.now();
      const r = await huifang().center.teamLive(team ? { team } : {});
      reading = false;
      if (stopped) return;
      if (r.ok && r.value.kind === 'ok') {
        const live = r.value.live;
        setView((v) => ({ ...v, live, error: null }));
      } else {
        const reason = r.ok ? (r.value.kind === 'ok' ? '' : r.value.message) : r.error.message;
        setView((v) => ({ ...v, error: reason }));
      }
      if (again) {
        again = false;
        request();
      }
    };
    const request = () => {
      if (stopped || timer !== null) return;
      timer = setTimeout(() => void read(), Math.max(0, lastRead + BOARD_MIN_READ_GAP_MS - Date.now()));
    };

    void huifang()
      .center.roster({})
      .then((r) => {
        if (stopped || !r.ok || r.value.kind !== 'ok') return;
        const names = new Map(r.value.roster.members.map((m) => [m.staffNo, m.name]));
        setView((v) => ({ ...v, names }));
      });
    void read();
    const poll = setInterval(request, BOARD_POLL_MS);
    const off = huifang().on('center:live', request);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      off();
    };
  }, [team]);

  return view;
}
