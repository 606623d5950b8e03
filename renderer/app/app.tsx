import '../styles/workstation.css';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { windowCipher } from '../data/window-cipher';
import { messages } from '../i18n/messages';
import { SignInScreen } from '../features/sign-in/sign-in-screen';
import { followLinkStatus, useSessionStore } from '../features/sign-in/session-store';
import { askNotificationPermission } from '../features/callbacks/callback-watcher';
import { OfflineBanner } from '../features/sync/offline-banner';
import { ReviewScreen } from '../features/review/review-screen';
import { WithReview } from '../features/review/with-review';
import { WithQaDesk } from '../features/qa/qa-desk-screen';
import { OwnCallReplay } from '../features/review/own-call-replay';
import { ExportApprovalScreen } from '../features/review/export-panel';
import { WithLiveBoard } from '../features/live/with-live-board';
import { HostStatus } from './host-status';
import { screenOf } from '../features/visit/visit-state';
import { visitNow } from '../features/visit/visit-store';
import { Workspace } from './workspace';
import { startWorkstation, type Workstation, type WorkstationParts } from './workstation';
import { defaultWorkstationParts } from './phone-parts';

/** Team leads and admins may switch to the replay screen only from the queue, never mid-visit. */
const onQueue = () => screenOf(visitNow().phase) === 'queue';

/**
 * Root of the workstation UI: sign-in first (the smoke test checks its heading and 工号 field),
 * then the agent's workspace with the softphone and recording indicator beside it. QA get the
 * recording replay screen instead; team leads and admins can switch to it (F9) and to the live
 * board of their team's agents (F10).
 */
export function App({ parts = defaultWorkstationParts }: { parts?: () => WorkstationParts }) {
  const [ws, setWs] = useState<Workstation | null>(null);
  const [side, setSide] = useState<(() => ReactNode) | null>(null);
  const user = useSessionStore((s) => s.user);
  const starting = useRef(false);

  const signIn = useCallback(
    async (staffNo: string, password: string) => {
      askNotificationPermission();
      // No cache key, no workstation: personal data is never cached in the clear (docs/domain.md §11).
      const locked = await windowCipher().then(
        () => null,
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      if (locked) {
        useSessionStore.setState({ phase: 'signed_out', error: locked });
        return;
      }
      const me = await useSessionStore.getState().signIn(staffNo, password);
      // QA only replays recordings (录音质检回放), the department head only decides exports: no queue,
      // sync or softphone is started for them.
      if (!me || me.role === 'qa' || me.role === 'dept_head' || starting.current) return;
      starting.current = true;
      try {
        const p = parts();
        setWs(await startWorkstation(me, p));
        setSide(() => p.sidePanel ?? null);
      } catch (err) {
        await useSessionStore
          .getState()
          .signOut()
          .catch(() => undefined);
        useSessionStore.setState({ error: messages.workstation.cannotStart(err instanceof Error ? err.message : String(err)) });
      } finally {
        starting.current = false;
      }
    },
    [parts],
  );

  const signOut = useCallback(async () => {
    const current = ws;
    setWs(null);
    await current?.stop();
    await useSessionStore.getState().signOut();
  }, [ws]);

  // The link to the centre ended (expired session) or was taken over by another window on the
  // same host: this window goes back to sign-in, its cache and unsent results kept.
  useEffect(() => followLinkStatus(), []);
  useEffect(() => {
    if (ws && user === null) {
      const current = ws;
      setWs(null);
      void current.stop({ linkLost: true });
    }
  }, [ws, user]);

  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>{messages.productName}</h1>
      </header>
      <OfflineBanner />
      <main className="app-main">
        {user?.role === 'dept_head' ? (
          <ExportApprovalScreen user={user} exit={{ label: messages.workstation.signOut, run: () => void signOut() }} />
        ) : user?.role === 'qa' ? (
          <ReviewScreen user={user} exit={{ label: messages.workstation.signOut, run: () => void signOut() }} escapeExits={false} />
        ) : ws ? (
          <WithLiveBoard user={ws.me} db={ws.db} canLeave={onQueue}>
            {(liveSwitch) => (
              <WithReview user={ws.me} canLeave={onQueue} switches={liveSwitch}>
                <WithQaDesk user={ws.me} canLeave={onQueue} replay={(id, failed, back) => <OwnCallReplay sessionId={id} failedItems={failed} onBack={back} />}>
                  <Workspace ws={ws} onSignOut={() => void signOut()} />
                </WithQaDesk>
              </WithReview>
            )}
          </WithLiveBoard>
        ) : (
          <SignInScreen onSubmit={(s, p) => void signIn(s, p)} />
        )}
      </main>
      {ws && side ? side() : null}
      <HostStatus />
    </div>
  );
}
