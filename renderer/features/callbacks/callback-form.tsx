import { useState } from 'react';
import type { CallbackDraft } from '../outcome/visit-writes';
import { callbackMessages as t } from './callback-messages';
import { checkCallback } from './callback-rules';

/** Local `YYYY-MM-DDTHH:mm` for a datetime-local input. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Books a callback: date and time, mine or anyone's, within the case deadline unless the agent
 * gives a reason. Reports the draft (or null when invalid) on every change.
 */
export function CallbackForm({ me, deadline, now, onChange }: { me: string; deadline: string | null; now: number; onChange: (draft: CallbackDraft | null) => void }) {
  const [when, setWhen] = useState(() => localInput(now + 2 * 3_600_000));
  const [owner, setOwner] = useState<'mine' | 'anyone'>('mine');
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const whenMs = new Date(when).getTime();
  const problem = Number.isNaN(whenMs) ? 'invalid' : checkCallback(new Date(whenMs).toISOString(), deadline, now);
  const blocking = problem === 'after_deadline' ? (override.trim() === '' ? problem : null) : problem;

  const emit = (w: string, o: 'mine' | 'anyone', n: string, r: string) => {
    const t0 = new Date(w);
    const p = Number.isNaN(t0.getTime()) ? 'invalid' : checkCallback(t0.toISOString(), deadline, now);
    const ok = p === null || (p === 'after_deadline' && r.trim() !== '');
    onChange(ok ? { dueAt: t0.toISOString(), owner: o === 'mine' ? me : null, note: n.trim(), overrideReason: p === 'after_deadline' ? r.trim() : null } : null);
  };

  return (
    <fieldset className="callback-form">
      <legend>{t.title}</legend>
      <label>
        {t.when}
        <input
          type="datetime-local"
          autoFocus
          value={when}
          onChange={(e) => {
            setWhen(e.target.value);
            emit(e.target.value, owner, note, override);
          }}
          onFocus={() => emit(when, owner, note, override)}
        />
      </label>
      <div role="radiogroup" aria-label={t.owner}>
        {(['mine', 'anyone'] as const).map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="callback-owner"
              checked={owner === o}
              onChange={() => {
                setOwner(o);
                emit(when, o, note, override);
              }}
            />
            {o === 'mine' ? t.mine : t.anyone}
          </label>
        ))}
      </div>
      <label>
        {t.note}
        <input
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            emit(when, owner, e.target.value, override);
          }}
        />
      </label>
      {problem === 'after_deadline' ? (
        <label>
          {t.override}
          <input
            value={override}
            onChange={(e) => {
              setOverride(e.target.value);
              emit(when, owner, note, e.target.value);
            }}
          />
        </label>
      ) : null}
      {blocking ? (
        <p className="form-error" role="alert">
          {t.problems[blocking]}
        </p>
      ) : null}
    </fieldset>
  );
}
