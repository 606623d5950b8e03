import { useState } from 'react';
import type { ExportRow } from '../../../shared/sync';
import { messages } from '../../i18n/messages';
import { useExportStore } from './export-store';
import { formatDateTime } from './session-labels';

const at = (iso: string | null) => (iso ? formatDateTime(Date.parse(iso)) : '—');

function Session({ r }: { r: ExportRow }) {
  return <span>{messages.export.sessionLabel(r.agentId, at(r.sessionCreatedAt), r.team)}</span>;
}

/** The outcome of the last step, read out (an alert when it failed). */
export function ExportNote() {
  const { note, failed } = useExportStore();
  if (!note) return null;
  return failed ? (
    <p className="form-error" role="alert">
      {note}
    </p>
  ) : (
    <p role="status">{note}</p>
  );
}

/** The signed-in person's requests with their status; 下载 only for an approved, unexpired one. */
export function MyExports() {
  const { mine, busy, listNote } = useExportStore();
  return (
    <section className="export-list" aria-labelledby="export-mine-title">
      <h3 id="export-mine-title">{messages.export.mineTitle}</h3>
      {listNote ? <p className="review-note">{listNote}</p> : null}
      {mine === null ? <p>{messages.export.loading}</p> : mine.length === 0 ? <p className="review-empty">{messages.export.mineEmpty}</p> : null}
      <ul>
        {(mine ?? []).map((r) => (
          <li key={r.id} data-export={r.id} data-status={r.status}>
            <strong>{r.id}</strong> <Session r={r} /> <span>{r.reason}</span> <span className="export-status">{messages.export.statuses[r.status]}</span>
            {r.status === 'approved' ? <span> · {messages.export.validUntil(at(r.expiresAt))}</span> : null}
            {r.comment ? <span className="review-count"> · {messages.export.decisionComment(r.decidedBy ?? '', r.comment)}</span> : null}
            {r.status === 'approved' ? (
              <button
                type="button"
                disabled={busy}
                aria-label={messages.export.downloadFor(r.id)}
                onClick={() => void useExportStore.getState().download(r.id)}
              >
                {messages.export.download}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PendingItem({ r }: { r: ExportRow }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = useExportStore((s) => s.busy);
  const decide = async (decision: 'approve' | 'refuse') => {
    if (decision === 'refuse' && comment.trim().length < 2) return setError(messages.export.refuseNeedsComment);
    setError(null);
    await useExportStore.getState().decide(r.id, decision, comment.trim());
  };
  return (
    <li data-export={r.id}>
      <p>
        <strong>{r.id}</strong> <Session r={r} /> · {messages.export.requestedBy(r.requestedByName, r.requestedBy, at(r.requestedAt))}
      </p>
      <p>{messages.export.reasonLine(r.reason)}</p>
      <label>
        {messages.export.comment}
        <textarea aria-label={messages.export.commentFor(r.id)} value={comment} maxLength={500} rows={1} onChange={(e) => setComment(e.target.value)} />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" disabled={busy} onClick={() => void decide('approve')}>
        {messages.export.approve}
      </button>
      <button type="button" disabled={busy} onClick={() => void decide('refuse')}>
        {messages.export.refuse}
      </button>
    </li>
  );
}

/** The department head's pending requests, each with its reason, a comment and 批准 / 拒绝. */
export function PendingExports() {
  const { pending, listNote } = useExportStore();
  return (
    <section className="export-list" aria-labelledby="export-pending-title">
      <h3 id="export-pending-title">{messages.export.pendingTitle}</h3>
      {listNote ? <p className="review-note">{listNote}</p> : null}
      {pending === null ? <p>{messages.export.loading}</p> : pending.length === 0 ? <p className="review-empty">{messages.export.pendingEmpty}</p> : null}
      <ul>
        {(pending ?? []).map((r) => (
          <PendingItem key={r.id} r={r} />
        ))}
      </ul>
    </section>
  );
}
