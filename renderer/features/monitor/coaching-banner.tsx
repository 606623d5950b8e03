import { messages } from '../../i18n/messages';
import { useCoachingStore } from './coaching-store';

/**
 * The agent's screen while a team lead whispers (only the agent hears the lead) or barges (the
 * customer hears the lead too). A silent listen shows nothing, as before coaching existed.
 */
export function CoachingBanner() {
  const coaching = useCoachingStore((s) => s.coaching);
  if (!coaching) return null;
  const who = `${coaching.lead} ${coaching.leadName === coaching.lead ? '' : coaching.leadName}`.trim();
  return (
    <div className="coaching-banner" role="status" aria-label={messages.monitor.coachRegion} data-coaching={coaching.mode}>
      <strong>{coaching.mode === 'whisper' ? messages.monitor.coachWhisper(who) : messages.monitor.coachBarge(who)}</strong>
    </div>
  );
}
