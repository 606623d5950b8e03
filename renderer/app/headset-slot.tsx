import { useMemo } from 'react';
import { HeadsetLink } from '../features/headset/headset-link';
import { useSoftphoneStore } from '../features/softphone/softphone-store';
import type { Workstation } from './workstation';

/** The headset's buttons wired to this workstation: answer the ringing call, hang up, mute; LEDs follow the call. */
export function HeadsetSlot({ ws }: { ws: Pick<Workstation, 'inbound' | 'softphone'> }) {
  const ringing = useSoftphoneStore((s) => s.incoming !== null);
  const callUp = useSoftphoneStore((s) => s.call.phase === 'established' || s.call.phase === 'held');
  const muted = useSoftphoneStore((s) => s.call.muted);
  const state = useMemo(() => ({ ringing, callUp, muted }), [ringing, callUp, muted]);
  const actions = {
    answer: () => void ws.inbound.answer(),
    hangup: () => void ws.softphone()?.hangup(),
    setMuted: (m: boolean) => ws.softphone()?.setMuted?.(m),
    state: () => {
      const s = useSoftphoneStore.getState();
      return { ringing: s.incoming !== null, callUp: s.call.phase === 'established' || s.call.phase === 'held', muted: s.call.muted };
    },
  };
  return <HeadsetLink actions={actions} state={state} />;
}
