import { useState, type KeyboardEvent, type RefObject } from 'react';
import type { DueCallback } from '../../data/due-callbacks';
import { messages } from '../../i18n/messages';

const m = messages.agenda.callbacks;

/**
 * 我的预约回呼: callbacks due today and overdue, oldest first, as a listbox the keyboard drives
 * (↑/↓/Home/End move, Enter opens the case). Names are the masked ones the queue shows.
 */
export function DueCallbackList({
  items,
  listRef,
  onOpen,
}: {
  items: readonly DueCallback[] | undefined;
  listRef: RefObject<HTMLDivElement | null>;
  onOpen: (policyNo: string) => void;
}) {
  const [selected, setSelected] = useState(0);
  const list = items ?? [];
  const current = Math.min(selected, Math.max(0, list.length - 1));
  const move = (to: number) => setSelected(Math.max(0, Math.min(list.length - 1, to)));
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current + 1),
      ArrowUp: () => move(current - 1),
      Home: () => move(0),
      End: () => move(list.length - 1),
      Enter: () => list[current] && onOpen(list[current].policyNo),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return (
    <section className="agenda-callbacks" aria-labelledby="agenda-callbacks-title">
      <h3 id="agenda-callbacks-title">{m.title}</h3>
      <p className="agenda-hint">{m.hint}</p>
      {items && list.length === 0 ? <p className="agenda-empty">{m.empty}</p> : null}
      <div
        ref={listRef}
        className="agenda-list"
        role="listbox"
        aria-label={m.title}
        tabIndex={0}
        onKeyDown={onKey}
        aria-activedescendant={list[current] ? `agenda-callback-${list[current].id}` : undefined}
      >
        {list.map((c, i) => (
          <div
            key={c.id}
            id={`agenda-callback-${c.id}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'agenda-row is-selected' : 'agenda-row'}
            onClick={() => {
              setSelected(i);
              onOpen(c.policyNo);
            }}
          >
            <span className="agenda-due">{m.due(messages.common.dateTime(c.dueAt))}</span>
            <span className={c.overdue ? 'agenda-state is-overdue' : 'agenda-state'}>{c.overdue ? m.overdue : m.today}</span>
            <span>{c.policyNo}</span>
            <span>{c.holderName || messages.common.none}</span>
            <span>{c.productName || messages.common.none}</span>
            {c.forAnyone ? <span className="agenda-anyone">{m.forAnyone}</span> : null}
          </div>
        ))}
      </div>
    </section>
  );
}
