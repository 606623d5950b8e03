import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { WorkingCalendar } from '../../../shared/domain';
import { caseStatusSchema, type CaseStatus, type TeamCase, type TeamMember } from '../../../shared/sync';
import { messages } from '../../i18n/messages';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { localIsoDate } from '../../../shared/domain/calendar/iso-date';
import { filterTeamCases, NO_TEAM_FILTER, type DeadlineFilter, type TeamFilter } from './team-filter';
import { ReassignForm } from './reassign-form';

const DEADLINES: readonly DeadlineFilter[] = ['all', 'overdue', 'within1', 'within3'];
const t = messages.team;

/**
 * The team's cases, filtered by agent, state and deadline. Keyboard like the queue: `/` jumps to
 * the search, ↑/↓/Home/End move, Enter opens the reassignment of the selected case.
 */
export function TeamCases({
  cases,
  roster,
  calendar,
  onReassign,
}: {
  cases: readonly TeamCase[];
  roster: readonly TeamMember[];
  calendar: WorkingCalendar;
  onReassign: (policyNo: string, toStaffNo: string) => Promise<string | null>;
}) {
  const [filter, setFilter] = useState<TeamFilter>(NO_TEAM_FILTER);
  const [selected, setSelected] = useState(0);
  const [reassigning, setReassigning] = useState<TeamCase | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const today = localIsoDate(new Date());
  const visible = useMemo(() => filterTeamCases(cases, filter, today, calendar), [cases, filter, today, calendar]);
  const names = useMemo(() => new Map(roster.map((m) => [m.staffNo, m.name])), [roster]);
  const agents = useMemo(() => roster.filter((m) => m.role === 'agent'), [roster]);
  const current = Math.min(selected, Math.max(0, visible.length - 1));
  // The keyboard starts on the list, like the queue: arrows and Enter work at once.
  useFocusOnMount(listRef);
  const nameOf = (staffNo: string | null) => (staffNo === null ? t.cases.unassigned : (names.get(staffNo) ?? staffNo));

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const inField = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !inField) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const patch = (p: Partial<TeamFilter>) => {
    setFilter((f) => ({ ...f, ...p }));
    setSelected(0);
  };
  const move = (to: number) => setSelected(Math.max(0, Math.min(visible.length - 1, to)));
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current + 1),
      ArrowUp: () => move(current - 1),
      Home: () => move(0),
      End: () => move(visible.length - 1),
      Enter: () => visible[current] && setReassigning(visible[current]),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return (
    <section className="team-cases" aria-labelledby="team-cases-title">
      <div className="queue-toolbar">
        <h3 id="team-cases-title">{t.cases.title}</h3>
        <span className="queue-count" aria-live="polite">
          {t.cases.count(visible.length, cases.length)}
        </span>
        <input
          ref={searchRef}
          type="search"
          aria-label={t.cases.search}
          placeholder={messages.common.withKey(t.cases.searchHint, '/')}
          value={filter.search}
          onChange={(e) => patch({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') patch({ search: '' });
            if (e.key === 'Escape' || e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              listRef.current?.focus();
            }
          }}
        />
        <label>
          {t.cases.agentFilter}
          <select value={filter.agent} onChange={(e) => patch({ agent: e.target.value })}>
            <option value="all">{t.cases.all}</option>
            <option value="unassigned">{t.cases.unassigned}</option>
            {agents.map((m) => (
              <option key={m.staffNo} value={m.staffNo}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.cases.statusFilter}
          <select value={filter.status} onChange={(e) => patch({ status: e.target.value as CaseStatus | 'all' })}>
            <option value="all">{t.cases.all}</option>
            {caseStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.cases.deadlineFilter}
          <select value={filter.deadline} onChange={(e) => patch({ deadline: e.target.value as DeadlineFilter })}>
            {DEADLINES.map((d) => (
              <option key={d} value={d}>
                {t.deadlines[d]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice ? (
        <p className="attempt-recorded" role="status">
          {notice}
        </p>
      ) : null}
      {reassigning ? (
        <ReassignForm
          policyNo={reassigning.policyNo}
          agents={agents.filter((m) => m.staffNo !== reassigning.assignedTo)}
          onCancel={() => {
            setReassigning(null);
            listRef.current?.focus();
          }}
          onConfirm={async (to) => {
            const failed = await onReassign(reassigning.policyNo, to);
            if (failed) return t.reassign.failed(failed);
            setNotice(t.reassign.done(reassigning.policyNo, nameOf(to)));
            setReassigning(null);
            listRef.current?.focus();
            return null;
          }}
        />
      ) : null}
      {visible.length === 0 ? <p className="queue-empty">{cases.length > 0 ? t.cases.noMatch : t.cases.empty}</p> : null}
      <ul
        ref={listRef}
        className="team-case-list"
        role="listbox"
        aria-label={t.cases.title}
        tabIndex={0}
        onKeyDown={onListKey}
        aria-activedescendant={visible[current] ? `team-case-${visible[current].policyNo}` : undefined}
      >
        {visible.map((c, i) => {
          const overdue = c.deadline < today;
          return (
            <li
              key={c.policyNo}
              id={`team-case-${c.policyNo}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'team-case is-selected' : 'team-case'}
              onClick={() => setSelected(i)}
              onDoubleClick={() => setReassigning(c)}
            >
              <span>{c.policyNo}</span>
              <span>{c.holder}</span>
              <span>{nameOf(c.assignedTo)}</span>
              <span>{t.statuses[c.status]}</span>
              <span className={overdue ? 'deadline is-urgent' : 'deadline'}>
                {c.deadline}
                {overdue ? ` ${t.cases.overdue}` : ''}
              </span>
              <span>{c.escalated ? t.cases.escalated : ''}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
