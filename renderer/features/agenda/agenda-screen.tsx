import { useEffect, useRef } from 'react';
import type { HuifangDb } from '../../data/huifang-db';
import { useDayFigures, useDueCallbacks, useFinishedToday } from '../../data/live-queries';
import { messages } from '../../i18n/messages';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { useNow } from '../agent-status/use-now';
import { DayFiguresView, FinishedTodayView } from './day-summary';
import { DueCallbackList } from './due-callback-list';

/**
 * 我的工作台 · 今日: the agent's callbacks due today and overdue, the day's own
 * figures, and the cases finished today. Opened from the queue (F2); Esc or F2 goes back. Enter on
 * a callback opens its case through `onOpen`, the queue's own open-case path.
 */
export function AgendaScreen({ db, agent, onOpen, onBack }: { db: HuifangDb; agent: string; onOpen: (policyNo: string) => void; onBack: () => void }) {
  // "Today" follows the clock: a desk left open over midnight moves to the new day within a minute.
  const now = useNow(60_000);
  const callbacks = useDueCallbacks(db, agent, now);
  const figures = useDayFigures(db, agent, now);
  const finished = useFinishedToday(db, agent, now);
  const listRef = useRef<HTMLDivElement>(null);
  useFocusOnMount(listRef);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  return (
    <section className="agenda" aria-labelledby="agenda-title">
      <div className="agenda-toolbar">
        <h2 id="agenda-title">{messages.agenda.title}</h2>
        <span className="agenda-day">{messages.common.day(now)}</span>
        <button type="button" onClick={onBack}>
          {messages.common.withKey(messages.agenda.back, 'Esc')}
        </button>
      </div>
      <DueCallbackList items={callbacks} listRef={listRef} onOpen={onOpen} />
      <DayFiguresView figures={figures} />
      <FinishedTodayView cases={finished} />
      <p className="shortcut-bar">{messages.agenda.shortcuts}</p>
    </section>
  );
}
