import { useMemo, useState } from 'react';
import type { TeamMember, TeamPhoneCorrection } from '../../../shared/sync';
import { messages } from '../../i18n/messages';

const t = messages.team.corrections;

/**
 * Phone corrections made at the team's desks, still to be reviewed by the lead (docs/domain.md §4: an
 * unreachable number is corrected before the call is retried). Accepting or rejecting one, with an
 * optional note, removes it from the list once the centre has stored the review.
 */
export function TeamCorrections({
  corrections,
  roster,
  onReview,
}: {
  corrections: readonly TeamPhoneCorrection[];
  roster: readonly TeamMember[];
  onReview: (id: string, decision: 'accepted' | 'rejected', note: string) => Promise<string | null>;
}) {
  const names = useMemo(() => new Map(roster.map((m) => [m.staffNo, m.name])), [roster]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ text: string; failed: boolean } | null>(null);

  const review = async (c: TeamPhoneCorrection, decision: 'accepted' | 'rejected') => {
    setBusy(c.id);
    const failed = await onReview(c.id, decision, notes[c.id] ?? '');
    setBusy(null);
    setResult(
      failed ? { text: t.failed(failed), failed: true } : { text: decision === 'accepted' ? t.accepted(c.policyNo) : t.rejected(c.policyNo), failed: false },
    );
  };

  return (
    <section className="team-corrections" aria-labelledby="team-corrections-title">
      <h3 id="team-corrections-title">{t.title}</h3>
      {result ? (
        <p className={result.failed ? 'form-error' : 'attempt-recorded'} role={result.failed ? 'alert' : 'status'}>
          {result.text}
        </p>
      ) : null}
      {corrections.length === 0 ? (
        <p className="queue-empty">{t.empty}</p>
      ) : (
        <table aria-labelledby="team-corrections-title">
          <thead>
            <tr>
              {Object.values(t.columns).map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr key={c.id}>
                <td>{c.policyNo}</td>
                <td>{c.original}</td>
                <td>{c.corrected ?? t.markedWrong}</td>
                <td>{c.reason}</td>
                <td>{names.get(c.correctedBy) ?? c.correctedBy}</td>
                <td>
                  <input
                    type="text"
                    aria-label={t.note(c.policyNo)}
                    maxLength={200}
                    value={notes[c.id] ?? ''}
                    onChange={(e) => setNotes((n) => ({ ...n, [c.id]: e.target.value }))}
                  />
                  <button type="button" disabled={busy !== null} onClick={() => void review(c, 'accepted')}>
                    {t.accept}
                  </button>
                  <button type="button" disabled={busy !== null} onClick={() => void review(c, 'rejected')}>
                    {t.reject}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
