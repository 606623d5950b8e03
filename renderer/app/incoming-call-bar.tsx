import { useEffect } from 'react';
import { useSoftphoneStore } from '../features/softphone/softphone-store';
import type { InboundVisits } from '../features/visit/inbound-visit';
import { messages } from '../i18n/messages';

/**
 * The policyholder's call ringing at the desk: who (masked) and for which case, with F4 to answer
 * and Shift+F4 to decline (F9/F10 switch a lead's screens) from anywhere on the screen (the case is already open beneath it).
 */
export function IncomingCallBar({ inbound }: { inbound: Pick<InboundVisits, 'answer' | 'decline'> }) {
  const incoming = useSoftphoneStore((s) => s.incoming);
  useEffect(() => {
    if (!incoming) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F4' && !e.shiftKey) {
        e.preventDefault();
        void inbound.answer();
      } else if (e.key === 'F4' && e.shiftKey) {
        e.preventDefault();
        inbound.decline();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [incoming, inbound]);
  if (!incoming) return null;
  return (
    <div className="incoming-call" role="alert" aria-label={messages.softphone.incoming(incoming.from, incoming.caseId)}>
      <strong>{messages.softphone.incoming(incoming.from, incoming.caseId)}</strong>
      <button type="button" className="primary" onClick={() => void inbound.answer()}>
        {messages.softphone.answerIncoming}
      </button>
      <button type="button" onClick={() => inbound.decline()}>
        {messages.softphone.declineIncoming}
      </button>
    </div>
  );
}
