import { useEffect, useRef, useState } from 'react';
import type { TeamMember } from '../../../shared/sync';
import { messages } from '../../i18n/messages';

const t = messages.team.reassign;

/**
 * Picks the colleague a case goes to (active agents of the team other than its holder, by name).
 * `onConfirm` answers a readable failure, shown here, or null when the case moved.
 */
export function ReassignForm({
  policyNo,
  agents,
  onConfirm,
  onCancel,
}: {
  policyNo: string;
  agents: readonly TeamMember[];
  onConfirm: (toStaffNo: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const [to, setTo] = useState(agents[0]?.staffNo ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => selectRef.current?.focus(), []);

  return (
    <form
      className="reassign-form"
      aria-label={t.title(policyNo)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!to || busy) return;
        setBusy(true);
        void onConfirm(to).then((failed) => {
          setBusy(false);
          setError(failed);
        });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <label>
        {t.to}
        <select ref={selectRef} value={to} onChange={(e) => setTo(e.target.value)}>
          {agents.map((m) => (
            <option key={m.staffNo} value={m.staffNo}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!to || busy}>
        {t.confirm}
      </button>
      <button type="button" onClick={onCancel}>
        {t.cancel}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
