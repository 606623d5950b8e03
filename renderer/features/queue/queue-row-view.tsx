import type { QueueRow } from '../../data/records';
import { deadlineUncertain } from '../../data/desk-calendar';
import type { WorkingCalendar } from '../../../shared/domain';
import { DEFAULT_CALLING_HOURS, type CallingHours } from '../../../shared/domain/calling-hours';
import { callingVerdict } from '../../../shared/domain/calling-window';
import { languageName } from '../../i18n/language-names';
import { countdown } from './deadline-countdown';
import { messages } from '../../i18n/messages';

/**
 * One queue line: policy, policyholder, product, kind, live countdown, badges. A deadline in a year
 * whose holiday schedule the centre has not loaded is marked as not final: the day it falls on may
 * still move when the State Council publishes that year's schedule. A case that may not be called
 * now (calling hours, in the policyholder's local time) says from when; otherwise the row stays quiet.
 */
export function QueueRowView({
  row,
  selected,
  now,
  calendar,
  callingHours = DEFAULT_CALLING_HOURS,
  onOpen,
  height,
}: {
  row: QueueRow;
  selected: boolean;
  now: number;
  calendar: WorkingCalendar;
  callingHours?: CallingHours;
  onOpen: () => void;
  height: number;
}) {
  const cd = countdown(row.deadline, now, calendar);
  const uncertain = deadlineUncertain(row.deadline, calendar);
  const at = new Date(now);
  const verdict = callingVerdict(callingHours, { branchCode: row.branchCode ?? null }, at, {
    bookedCallbacks: row.callbackAt ? [row.callbackAt] : [],
    calendar,
  });
  return (
    <div
      id={`queue-row-${row.policyNo}`}
      role="option"
      aria-selected={selected}
      className={`queue-row${selected ? ' is-selected' : ''}`}
      style={{ height }}
      onClick={onOpen}
      data-policy={row.policyNo}
    >
      <span className="q-policy">{row.policyNo}</span>
      <span className="q-holder">{row.holderName}</span>
      <span className="q-product">{row.productName}</span>
      <span className={`q-kind kind-${row.kind}`}>{messages.queue.kinds[row.kind]}</span>
      <span
        className={`q-deadline${cd?.urgent ? ' is-urgent' : ''}`}
        title={uncertain ? `${row.deadline} ${messages.common.dateUncertain}` : (row.deadline ?? '')}
      >
        {cd ? cd.text : messages.queue.noDeadline}
        {uncertain ? (
          <span className="q-date-uncertain" title={messages.common.dateUncertain}>
            {messages.queue.dateUncertain}
          </span>
        ) : null}
      </span>
      <span className="q-badges">
        {row.badges.map((b) => (
          <span key={b} className={`badge badge-${b}`} title={b === 'red_flag' ? messages.common.list(row.redFlags) : undefined}>
            {b === 'dialect' && row.language ? messages.queue.dialectBadge(languageName(row.language)) : messages.queue.badges[b]}
          </span>
        ))}
        {row.callbackAt && !row.badges.includes('callback_due') ? (
          <span className="badge badge-callback-booked">{messages.queue.callbackBooked(messages.common.dateTime(row.callbackAt).slice(5))}</span>
        ) : null}
        {verdict.allowed ? null : (
          <span className="badge badge-calling-hours" title={messages.callingHours.reason(verdict.reason)}>
            {messages.callingHours.opensBadge(messages.callingHours.opensWhen(verdict.opensAt, at))}
          </span>
        )}
        {row.attempts > 0 ? <span className="badge badge-attempts">{messages.queue.attempts(row.attempts)}</span> : null}
      </span>
    </div>
  );
}
