import '../styles/workstation.css';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { messages } from '../i18n/zh-cn';
import { SignInScreen } from '../features/sign-in/sign-in-screen';
import { useSessionStore } from '../features/sign-in/session-store';
import { askNotificationPermission } from '../features/callbacks/callback-watcher';
import { OfflineBanner } from '../features/sync/offline-banner';
import { HostStatus } from './host-status';
import { Workspace } from './workspace';
import { startWorkstation, type Workstation, type WorkstationParts } from './workstation';
import { defaultWorkstationParts } from './phone-parts';

// Development/benchmark hooks: a separate chunk, loaded only when explicitly switched on.
if (typeof localStorage !== 'undefined' && localStorage.getItem('huifang.dev') === '1') {
  void import('./dev-hooks').then((m) => m.installDevHooks());
}

/**
 * Root of the workstation UI: sign-in first (the smoke test checks its heading and 工号 field),
 * then the agent's workspace with the softphone and recording indicator beside it.
 */
export function App({ parts = defaultWorkstationParts }: { parts?: () => WorkstationParts }) {
  const [ws, setWs] = useState<Workstation | null>(null);
  const [side, setSide] = useState<(() => ReactNode) | null>(null);
  const user = useSessionStore((s) => s.user);
  const starting = useRef(false);

  const signIn = useCallback(
    async (staffNo: string, password: string) => {
      askNotificationPermission();
      const me = await useSessionStore.getState().signIn(staffNo, password);
      if (!me || starting.current) return;
      starting.current = true;
      try {
        const p = parts();
        setWs(await startWorkstation(me, p));
        setSide(() => p.sidePanel ?? null);
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

  // The centre ended the session (expired refresh token): back to sign-in, cache kept.
  useEffect(() => {
    if (ws && user === null) {
      const current = ws;
      setWs(null);
      void current.stop();
    }
  }, [ws, user]);

  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>{messages.productName}</h1>
      </header>
      <OfflineBanner />
      <main className="app-main">{ws ? <Workspace ws={ws} onSignOut={() => void signOut()} /> : <SignInScreen onSubmit={(s, p) => void signIn(s, p)} />}</main>
      {ws && side ? side() : null}
      <HostStatus />
    </div>
  );
}
