import { useEffect, useState } from 'react';
import type { LiveUpdate, TeamLiveResponse } from '../../../shared/sync';
import { huifang } from '../../ipc/huifang';
import { applyLiveUpdate, overlayPushed } from './live-update';

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
 * Reads the team's live board at once and every 10 s as a fallback. A `center:live` notice that
 * carries the agent's change updates that row at once; one without it (an older centre), or for
 * an agent not on the board yet, asks for a read (at most one a second: each read is audited at
 * the centre). Names come from the team roster (`center:roster`), read once.
 */
export function useTeamLive(team?: string): TeamLiveView {
  const [view, setView] = useState<TeamLiveView>({ live: null, names: new Map(), error: null });

  useEffect(() => {
    let stopped = false;
    let reading = false;
    let again = false;
    let lastRead = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    /** Changes pushed since the read under way started, laid over its answer. */
    const pushed = new Map<string, LiveUpdate>();
    /** The board as last shown: pushed changes are applied to it synchronously. */
    let current: TeamLiveResponse | null = null;

    const read = async () => {
      timer = null;
      if (stopped) return;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      lastRead = Date.now();
      pushed.clear();
      const r = await huifang().center.teamLive(team ? { team } : {});
      reading = false;
      if (stopped) return;
      if (r.ok && r.value.kind === 'ok') {
        const live = (current = overlayPushed(r.value.live, pushed));
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
    const off = huifang().on('center:live', ({ staffNo, update }) => {
      // An admin's board of another team is not what the lead's socket carries.
      if (!update || team !== undefined) return request();
      if (reading) pushed.set(staffNo, update);
      const live = current && applyLiveUpdate(current, staffNo, update);
      if (!live) return request();
      current = live;
      setView((v) => ({ ...v, live }));
    });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      off();
    };
  }, [team]);

  return view;
}
