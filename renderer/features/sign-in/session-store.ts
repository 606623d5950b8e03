import { create } from 'zustand';
import type { CenterUser } from '../../../shared/sync';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';

/**
 * Who is signed in at this desk.
 *
 *   signed_out --submit--> signing_in --ok--> signed_in --sign out--> signed_out
 *                               |--refused/offline--> signed_out (with error)
 */
export type SessionPhase = 'signed_out' | 'signing_in' | 'signed_in';

interface SessionState {
  readonly phase: SessionPhase;
  readonly user: CenterUser | null;
  /** `offline`: signed in against the credentials remembered on this workstation. */
  readonly mode: 'online' | 'offline' | null;
  readonly error: string | null;
  /** Asks the centre (through the main process); resolves with the user or null. */
  signIn(staffNo: string, password: string): Promise<CenterUser | null>;
  signOut(): Promise<void>;
}

/** Zustand slice of the signed-in session. */
export const useSessionStore = create<SessionState>((set) => ({
  phase: 'signed_out',
  user: null,
  mode: null,
  error: null,
  async signIn(staffNo, password) {
    set({ phase: 'signing_in', error: null });
    const result = await huifang().center.signIn({ staffNo, password });
    if (!result.ok) {
      set({ phase: 'signed_out', error: result.error.message });
      return null;
    }
    const v = result.value;
    if (v.kind !== 'signed_in') {
      set({ phase: 'signed_out', error: v.message });
      return null;
    }
    set({ phase: 'signed_in', user: v.user, mode: v.mode, error: null });
    return v.user;
  },
  async signOut() {
    // Signed out here first, so the link's own "signed out" status is not read as a lost session.
    set({ phase: 'signed_out', user: null, mode: null, error: null });
    await huifang().center.signOut({});
  },
}));

/**
 * Keeps this window's session honest about the main process's link to the centre: when the link
 * is signed out (refresh token expired, signed out elsewhere) or now belongs to someone else (a
 * second sign-in on the same web host takes the link over), this window is signed out with the
 * reason. Returns the unsubscribe function.
 */
export function followLinkStatus(): () => void {
  return huifang().on('center:status', (link) => {
    const { phase, user } = useSessionStore.getState();
    if (phase !== 'signed_in' || !user) return;
    if (link.phase === 'signed_out' || link.user === null) {
      useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: link.lastError ?? messages.signIn.expired });
    } else if (link.user.staffNo !== user.staffNo) {
      useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: messages.signIn.signedInElsewhere(link.user.staffNo) });
    }
  });
}
