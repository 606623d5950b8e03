import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TeamMember } from '../../../shared/sync';
import type { RosterView } from '../../data/team-roster';
import { isDialect, languageName } from '../../i18n/language-names';
import type { CallbackDraft } from '../outcome/visit-writes';
import { messages } from '../../i18n/messages';
import { checkCallback } from './callback-rules';

/** Local `YYYY-MM-DDTHH:mm` for a datetime-local input. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The tab stop before `from` in document order (radios: only the checked one of a group). */
function previousTabStop(from: HTMLElement): HTMLElement | null {
  const all = Array.from(from.ownerDocument.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')).filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLInputElement).disabled &&
      !(el instanceof HTMLInputElement && (el.type === 'hidden' || (el.type === 'radio' && !el.checked))),
  );
  const i = all.indexOf(from);
  return i > 0 ? (all[i - 1] ?? null) : null;
}

/** Who takes the callback: me, whoever holds the case, or a named colleague. */
type OwnerChoice = 'mine' | 'anyone' | 'colleague';

interface FormState {
  readonly when: string;
  readonly owner: OwnerChoice;
  readonly colleague: string;
  readonly note: string;
  readonly override: string;
}

/** A colleague who does not speak the case's dialect (the centre would still accept the booking). */
function languageGap(member: TeamMember | undefined, language: string | null): string | null {
  if (!member || !isDialect(language) || member.languages.includes(language)) return null;
  return messages.callbacks.noDialect(member.name, languageName(language));
}

/**
 * Books a callback: date and time; mine, anyone's, or a named colleague's from the team roster
 * (the cached roster when the centre is unreachable); within the case deadline unless the agent
 * gives a reason. Reports the draft (or null when invalid) on every change.
 */
export function CallbackForm({
  me,
  deadline,
  now,
  roster,
  language = null,
  onChange,
}: {
  me: string;
  deadline: string | null;
  now: number;
  /** null while the roster is loading. */
  roster: RosterView | null;
  /** The case's dialect, to warn about a colleague who does not speak it. */
  language?: string | null;
  onChange: (draft: CallbackDraft | null) => void;
}) {
  const [s, setS] = useState<FormState>(() => ({ when: localInput(now + 2 * 3_600_000), owner: 'mine', colleague: '', note: '', override: '' }));
  const members = roster?.members ?? [];
  const owners$ = useRef<HTMLDivElement>(null);
  const wordsId = useId();

  const assess = (f: FormState) => {
    const at = new Date(f.when);
    const timeProblem = Number.isNaN(at.getTime()) ? 'invalid' : checkCallback(at.toISOString(), deadline, now);
    const ownerProblem = f.owner === 'colleague' && !members.some((m) => m.staffNo === f.colleague) ? ('no_colleague' as const) : null;
    const blocking = (timeProblem === 'after_deadline' && f.override.trim() !== '' ? null : timeProblem) ?? ownerProblem;
    return { at, timeProblem, blocking };
  };

  const update = (patch: Partial<FormState>) => {
    const next = { ...s, ...patch };
    setS(next);
    const { at, timeProblem, blocking } = assess(next);
    const owner = next.owner === 'mine' ? me : next.owner === 'anyone' ? null : next.colleague;
    onChange(
      blocking
        ? null
        : { dueAt: at.toISOString(), owner, note: next.note.trim(), overrideReason: timeProblem === 'after_deadline' ? next.override.trim() : null },
    );
  };

  const { timeProblem, blocking } = assess(s);
  const chosen = members.find((m) => m.staffNo === s.colleague);
  const gap = s.owner === 'colleague' ? languageGap(chosen, language) : null;
  const owners: readonly OwnerChoice[] = ['mine', 'anyone', 'colleague'];
  const status =
    roster === null
      ? messages.callbacks.rosterLoading
      : roster.source === 'none'
        ? messages.callbacks.rosterNone
        : roster.source === 'cached'
          ? messages.callbacks.rosterCached(roster.fetchedAt ?? '')
          : '';
  const words = messages.callbacks.timeWords(new Date(s.when));

  // Chromium stops Tab on every part of a datetime-local input (month, day, year, hour, …);
  // the agent moves between them with the arrow keys, and Tab goes on to who takes the callback.
  const tabOut = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
    const next = e.shiftKey ? previousTabStop(e.currentTarget) : owners$.current?.querySelector<HTMLInputElement>('input:checked');
    if (!next) return;
    e.preventDefault();
    next.focus();
  };

  return (
    <fieldset className="callback-form">
      <legend>{messages.callbacks.title}</legend>
      <div className="callback-when">
        <label className="field">
          <span>{messages.callbacks.when}</span>
          <input
            type="datetime-local"
            autoFocus
            value={s.when}
            aria-describedby={wordsId}
            onChange={(e) => update({ when: e.target.value })}
            onFocus={() => update({})}
            onKeyDown={tabOut}
          />
        </label>
        <output id={wordsId} className="callback-when-words" data-testid="callback-when-words">
          {words}
        </output>
      </div>
      <div role="radiogroup" aria-label={messages.callbacks.owner} className="callback-owners" ref={owners$}>
        {owners.map((o) => (
          <label key={o} className="check">
            <input
              type="radio"
              name="callback-owner"
              checked={s.owner === o}
              disabled={o === 'colleague' && members.length === 0}
              onChange={() => update({ owner: o })}
            />
            {messages.callbacks.owners[o]}
          </label>
        ))}
      </div>
      {s.owner === 'colleague' ? (
        <label className="field">
          <span>{messages.callbacks.colleague}</span>
          <select value={s.colleague} onChange={(e) => update({ colleague: e.target.value })}>
            <option value="">{messages.callbacks.pickColleague}</option>
            {members.map((m) => (
              <option key={m.staffNo} value={m.staffNo}>
                {messages.callbacks.member(m.name, m.staffNo, m.role === 'team_lead', messages.common.list(m.languages.map(languageName)))}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {status ? (
        <p className="muted callback-status" role="status">
          {status}
        </p>
      ) : null}
      {gap ? <p className="form-warning">{gap}</p> : null}
      <label className="field">
        <span>{messages.callbacks.note}</span>
        <input value={s.note} onChange={(e) => update({ note: e.target.value })} />
      </label>
      {timeProblem === 'after_deadline' ? (
        <label className="field">
          <span>{messages.callbacks.override}</span>
          <input value={s.override} onChange={(e) => update({ override: e.target.value })} />
        </label>
      ) : null}
      {blocking ? (
        <p className="form-error" role="alert">
          {messages.callbacks.problems[blocking]}
        </p>
      ) : null}
    </fieldset>
  );
}
