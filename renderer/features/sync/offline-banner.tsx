import { useState } from 'react';
import { messages } from '../../i18n/messages';
import { useSyncStore } from './sync-store';

/**
 * Calm status line under the header: says when the workstation is offline and how many results
 * wait for the centre; says nothing loud when all is well.
 */
export function OfflineBanner() {
  const link = useSyncStore((s) => s.link);
  const pending = useSyncStore((s) => s.pending);
  const rejected = useSyncStore((s) => s.rejected);
  const lastError = useSyncStore((s) => s.lastError);
  const rejectedList = useSyncStore((s) => s.rejectedList);
  const archiveWaiting = useSyncStore((s) => s.archiveWaiting);
  const archiveWaitingBytes = useSyncStore((s) => s.archiveWaitingBytes);
  // Sessions and recording bytes not yet in the centre's archive: evidence that still lives only here.
  const archive = archiveWaiting > 0 ? <span className="banner-detail">{messages.sync.archiveWaiting(archiveWaiting, archiveWaitingBytes)}</span> : null;
  const [open, setOpen] = useState(false);
  if (link === 'offline') {
    return (
      <div className="banner banner-offline" role="status" aria-live="polite">
        {messages.sync.offline(pending)}
        {archive}
        {lastError ? <span className="banner-detail">{messages.common.aside(lastError)}</span> : null}
      </div>
    );
  }
  if (rejected > 0) {
    return (
      <div className="banner banner-warn" role="status">
        {messages.sync.rejected(rejected)}
        <button type="button" className="banner-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? messages.sync.hideDetails : messages.sync.showDetails}
        </button>
        {open ? (
          <ul aria-label={messages.sync.rejectedListLabel} className="banner-list">
            {rejectedList.map((r) => (
              <li key={r.id}>
                {messages.sync.kinds[r.kind] ?? r.kind}
                {r.policyNo ? ` · ${r.policyNo}` : ''} · {messages.common.dateTime(r.at)} — {r.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  if ((pending > 0 || archiveWaiting > 0) && link === 'online') {
    return (
      <div className="banner banner-quiet" role="status">
        {pending > 0 ? messages.sync.pendingOnline(pending) : null}
        {archive}
      </div>
    );
  }
  return null;
}
