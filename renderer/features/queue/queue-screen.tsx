import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { QueueBadge } from '../../data/records';
import type { CaseKind } from '../../../shared/sync';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { useNow } from '../agent-status/use-now';
import { filterQueue } from './queue-filter';
import { messages } from '../../i18n/messages';
import { QueueRowView } from './queue-row-view';
import { useQueueStore } from './queue-store';
import { WindowedList } from './windowed-list';

const ROW_HEIGHT = 40;
const KINDS: readonly CaseKind[] = ['verification', 'returned', 'new'];
const BADGES: readonly QueueBadge[] = ['callback_due', 'red_flag', 'age_60_plus', 'recorded_sale', 'dialect', 'escalated'];

/**
 * The agent's queue in domain order, virtualised. Keyboard: ↑/↓/PgUp/PgDn/Home/End move,
 * Enter opens, `/` jumps to search, Esc clears it.
 */
export function QueueScreen({ onOpen }: { onOpen: (policyNo: string) => void }) {
  const rows = useQueueStore((s) => s.rows);
  const loaded = useQueueStore((s) => s.loaded);
  const filter = useQueueStore((s) => s.filter);
  const nameSearch = useQueueStore((s) => s.nameSearch);
  const selected = useQueueStore((s) => s.selected);
  const setFilter = useQueueStore((s) => s.setFilter);
  const select = useQueueStore((s) => s.select);
  const calendar = useQueueStore((s) => s.calendar);
  const callingHours = useQueueStore((s) => s.callingHours);
  const now = useNow(30_000);
  const visible = useMemo(() => filterQueue(rows, filter, nameSearch), [rows, filter, nameSearch]);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const current = Math.min(selected, Math.max(0, visible.length - 1));

  useFocusOnMount(listRef);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const inField = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
      if (e.key === '/' && !inField) {
        // Focus with the old text selected: typing replaces it, an arrow key keeps it.
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'Escape' && !inField && !e.defaultPrevented && useQueueStore.getState().filter.search !== '') {
        // Esc clears a search from anywhere on the queue (the search box handles its own Esc).
        e.preventDefault();
        setFilter({ search: '' });
        listRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setFilter]);

  const move = (to: number) => select(Math.max(0, Math.min(visible.length - 1, to)));
  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = 10;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current + 1),
      ArrowUp: () => move(current - 1),
      PageDown: () => move(current + page),
      PageUp: () => move(current - page),
      Home: () => move(0),
      End: () => move(visible.length - 1),
      Enter: () => visible[current] && onOpen(visible[current].policyNo),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return (
    <section className="queue" aria-labelledby="queue-title">
      <div className="queue-toolbar">
        <h2 id="queue-title">{messages.queue.title}</h2>
        <span className="queue-count" aria-live="polite">
          {loaded === 'none' ? messages.queue.loading : messages.queue.count(visible.length, rows.length)}
        </span>
        <input
          ref={searchRef}
          type="search"
          aria-label={messages.queue.search}
          placeholder={messages.common.withKey(messages.queue.searchHint, '/')}
          value={filter.search}
          onChange={(e) => setFilter({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setFilter({ search: '' });
              listRef.current?.focus();
            } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              listRef.current?.focus();
            }
          }}
        />
        <label>
          {messages.queue.kindFilter}
          <select value={filter.kind} onChange={(e) => setFilter({ kind: e.target.value as CaseKind | 'all' })}>
            <option value="all">{messages.queue.all}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {messages.queue.kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {messages.queue.badgeFilter}
          <select value={filter.badge} onChange={(e) => setFilter({ badge: e.target.value as QueueBadge | 'all' })}>
            <option value="all">{messages.queue.all}</option>
            {BADGES.map((b) => (
              <option key={b} value={b}>
                {messages.queue.badges[b]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="queue-head" aria-hidden="true">
        <span>{messages.queue.columns.policyNo}</span>
        <span>{messages.queue.columns.holder}</span>
        <span>{messages.queue.columns.product}</span>
        <span>{messages.queue.columns.kind}</span>
        <span>{messages.queue.columns.deadline}</span>
        <span>{messages.queue.columns.badges}</span>
      </div>
      {visible.length === 0 && loaded !== 'none' ? <p className="queue-empty">{rows.length > 0 ? messages.queue.noMatch : messages.queue.empty}</p> : null}
      <WindowedList
        // An empty queue is the short message above, not a screen-high empty frame.
        className={visible.length === 0 ? 'queue-list is-empty' : 'queue-list'}
        items={visible}
        rowHeight={ROW_HEIGHT}
        activeIndex={current}
        outerProps={{
          role: 'listbox',
          'aria-label': messages.queue.title,
          tabIndex: 0,
          onKeyDown: onListKey,
          'aria-activedescendant': visible[current] ? `queue-row-${visible[current].policyNo}` : undefined,
        }}
        listRef={listRef}
        renderRow={(row, i) => (
          <QueueRowView
            key={row.policyNo}
            row={row}
            selected={i === current}
            now={now}
            calendar={calendar}
            callingHours={callingHours}
            height={ROW_HEIGHT}
            onOpen={() => {
              select(i);
              onOpen(row.policyNo);
            }}
          />
        )}
      />
      <p className="shortcut-bar">{messages.queue.shortcuts}</p>
    </section>
  );
}
