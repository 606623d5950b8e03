import { useEffect, useRef } from 'react';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { messages } from '../../i18n/messages';
import { FLAG_FILTERS, RESULT_FILTERS, filteredSessions, useReviewStore, type FlagFilter, type ResultFilter, type SessionSummary } from './review-store';
import { formatClock, formatDateTime, outcomeLabel, recordingLabel } from './session-labels';

function duration(s: SessionSummary): string {
  return s.endedAt === null ? messages.review.open : formatClock(s.endedAt - s.createdAt);
}

/**
 * The recorded sessions on this workstation and in the centre's archive, newest first, filterable
 * by policy number, agent, day, result and recording trouble (the centre applies the last three too). Keyboard: ↑/↓ select, Enter opens, / focuses the policy filter, Esc leaves a
 * filter field (the screen handles Esc elsewhere as "back").
 */
export function SessionList({ onOpen }: { onOpen: (id: string) => void }) {
  const st = useReviewStore();
  const rows = filteredSessions(st);
  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const current = rows[st.selected];
  // The list takes ↑/↓/Enter: focused when the replay screen opens and on coming back from a session.
  useFocusOnMount(listRef);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = t?.tagName === 'INPUT' || t?.tagName === 'TEXTAREA';
      if (e.key === '/' && !typing) {
        e.preventDefault();
        filterRef.current?.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        useReviewStore.getState().move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Enter' && t?.tagName !== 'BUTTON' && t?.tagName !== 'TEXTAREA') {
        const s = useReviewStore.getState();
        const row = filteredSessions(s)[s.selected];
        if (row) {
          e.preventDefault();
          onOpen(row.id);
        }
      } else if (e.key === 'Escape' && typing) {
        e.stopPropagation();
        (t as HTMLInputElement).blur();
        listRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onOpen]);

  useEffect(() => {
    if (current) document.getElementById(`review-row-${current.id}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  return (
    <section className="review-list" aria-labelledby="review-list-title">
      <div className="review-toolbar">
        <h2 id="review-list-title">{messages.review.listTitle}</h2>
        <input
          ref={filterRef}
          type="search"
          aria-label={messages.review.filterPolicy}
          placeholder={messages.review.filterPolicy}
          value={st.policyFilter}
          onChange={(e) => st.setFilter('policy', e.target.value)}
        />
        <input
          type="search"
          aria-label={messages.review.filterAgent}
          placeholder={messages.review.filterAgent}
          value={st.agentFilter}
          onChange={(e) => st.setFilter('agent', e.target.value)}
        />
        <input type="date" aria-label={messages.review.filterDay} value={st.dayFilter} onChange={(e) => st.setFilter('day', e.target.value)} />
        <select aria-label={messages.review.filterResult} value={st.resultFilter} onChange={(e) => st.setResultFilter(e.target.value as ResultFilter)}>
          {RESULT_FILTERS.map((f) => (
            <option key={f} value={f}>
              {messages.review.resultFilters[f]}
            </option>
          ))}
        </select>
        <select aria-label={messages.review.filterFlag} value={st.flagFilter} onChange={(e) => st.setFlagFilter(e.target.value as FlagFilter)}>
          {FLAG_FILTERS.map((f) => (
            <option key={f} value={f}>
              {messages.review.flagFilters[f]}
            </option>
          ))}
        </select>
        <span className="review-count" aria-live="polite">
          {st.sessions ? messages.review.count(rows.length, st.sessions.length) : messages.review.loading}
        </span>
      </div>
      {st.error ? (
        <p className="form-error" role="alert">
          {st.error}
        </p>
      ) : null}
      {st.centreNote ? <p className="review-note">{st.centreNote}</p> : null}
      {st.fetching ? <p role="status">{messages.review.fetching(st.fetching.received, st.fetching.total)}</p> : null}
      {st.fetchError ? (
        <p className="form-error" role="alert">
          {st.fetchError}
        </p>
      ) : null}
      <div className="review-head" aria-hidden="true">
        <span>{messages.review.columns.policyNo}</span>
        <span>{messages.review.columns.agent}</span>
        <span>{messages.review.columns.time}</span>
        <span>{messages.review.columns.duration}</span>
        <span>{messages.review.columns.outcome}</span>
        <span>{messages.review.columns.recording}</span>
      </div>
      {st.sessions && rows.length === 0 && !st.error ? <p className="review-empty">{messages.review.empty}</p> : null}
      <ul
        ref={listRef}
        className="review-rows"
        role="listbox"
        aria-label={messages.review.listTitle}
        tabIndex={0}
        aria-activedescendant={current ? `review-row-${current.id}` : undefined}
      >
        {rows.map((s, i) => (
          <li
            key={s.id}
            id={`review-row-${s.id}`}
            role="option"
            aria-selected={i === st.selected}
            data-session={s.id}
            data-origin={s.origin}
            className={i === st.selected ? 'review-row selected' : 'review-row'}
            onClick={() => st.select(i)}
            onDoubleClick={() => onOpen(s.id)}
          >
            <span>{s.caseId ?? messages.review.noCase}</span>
            <span>{s.agentId ?? messages.review.unknownAgent}</span>
            <span>{formatDateTime(s.createdAt)}</span>
            <span>{duration(s)}</span>
            <span data-outcome={s.outcome ?? ''}>
              {outcomeLabel(s.outcome)}
              {s.resultFlags?.length ? (
                <em className="review-flag" data-result-flags={s.resultFlags.join(' ')} title={messages.review.resultFlagTitle(s.resultFlags)}>
                  {messages.review.resultFlagged}
                </em>
              ) : null}
            </span>
            <span data-recording={s.recordingState} data-audio={s.audioAtCentre ? 'centre' : undefined}>
              {recordingLabel(s.recordingState, s.recovered)}
              {s.noMedia ? <em className="review-flag">{messages.review.noMediaFlag}</em> : null}
              {s.origin === 'centre' ? <em className="review-flag">{messages.review.atCentre}</em> : null}
              {s.audioAtCentre ? <em className="review-flag">{messages.review.audioAtCentre}</em> : null}
            </span>
          </li>
        ))}
      </ul>
      <p className="shortcut-bar">{messages.review.listShortcuts}</p>
    </section>
  );
}
