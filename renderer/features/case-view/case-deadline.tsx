import type { HuifangDb } from '../../data/huifang-db';
import { deadlineUncertain, useDeskCalendar } from '../../data/desk-calendar';
import { messages } from '../../i18n/messages';

/**
 * The case's visit deadline (end of the cooling-off period, docs/domain.md §3). When it falls in a
 * year whose holiday schedule the centre has not loaded, the day is a guess over weekends and
 * statutory holidays only and may still move: it is shown as pending until the year is loaded.
 */
export function CaseDeadline({ db, deadline }: { db: HuifangDb; deadline: string | null }) {
  const calendar = useDeskCalendar(db);
  const uncertain = deadlineUncertain(deadline, calendar);
  return (
    <p className={`case-deadline${uncertain ? ' is-uncertain' : ''}`} data-testid="case-deadline">
      {messages.common.labelPrefix(messages.caseView.deadline)}
      <span>{deadline ?? messages.caseView.noDeadline}</span>
      {uncertain ? <span className="date-uncertain">{messages.common.dateUncertain}</span> : null}
    </p>
  );
}
