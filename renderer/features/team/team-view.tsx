import './team-view.css';
import type { CenterUser } from '../../../shared/sync';
import type { HuifangDb } from '../../data/huifang-db';
import { useDeskCalendar } from '../../data/desk-calendar';
import { messages } from '../../i18n/messages';
import { TeamCallbacks } from './team-callbacks';
import { TeamCases } from './team-cases';
import { TeamCorrections } from './team-corrections';
import { useTeamData } from './use-team-data';

const t = messages.team;

/**
 * The team lead's first screen (admins too): the team's cases with reassignment, the phone
 * corrections to review and the team's callbacks, read from the centre when it opens. The live
 * board (F10) and the recording replay (F9) are switched to from here; F3 shows the lead's own
 * queue.
 */
export function TeamView({ user, db, onQueue }: { user: CenterUser; db: HuifangDb; onQueue: () => void }) {
  const { data, reload, reassign, review } = useTeamData(user.team);
  // Working days for the deadline filter: the desk's calendar, with the holiday years the centre loaded.
  const calendar = useDeskCalendar(db);
  return (
    <section className="team-view" aria-labelledby="team-view-title">
      <div className="queue-toolbar">
        <h2 id="team-view-title">
          {t.title}
          {t.team(user.team)}
        </h2>
        <button type="button" aria-keyshortcuts="F3" onClick={onQueue}>
          {t.toQueue}
        </button>
        <button type="button" onClick={() => void reload()}>
          {t.refresh}
        </button>
      </div>
      {data.error ? (
        <p className="form-error" role="alert">
          {t.failed(data.error)}
        </p>
      ) : null}
      {data.cases === null ? (
        <p className="queue-empty">{t.loading}</p>
      ) : (
        <TeamCases cases={data.cases} roster={data.roster} calendar={calendar} onReassign={reassign} />
      )}
      {data.corrections === null ? null : <TeamCorrections corrections={data.corrections} roster={data.roster} onReview={review} />}
      {data.callbacks === null ? null : <TeamCallbacks callbacks={data.callbacks.items} />}
      <p className="shortcut-bar">{t.shortcuts}</p>
    </section>
  );
}
