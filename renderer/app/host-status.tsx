import { useEffect, useState } from 'react';
import { messages } from '../i18n/messages';
import { huifang } from '../ipc/huifang';

type HostState = { kind: 'loading' } | { kind: 'ready'; version: string; host: string } | { kind: 'failed'; message: string };

/** Footer line proving the IPC round trip: product version and host kind, from the main process. */
export function HostStatus() {
  const [state, setState] = useState<HostState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void huifang()
      .app.info({})
      .then((result) => {
        if (!live) return;
        setState(result.ok ? { kind: 'ready', version: result.value.version, host: result.value.host } : { kind: 'failed', message: result.error.message });
      });
    return () => {
      live = false;
    };
  }, []);
  const text =
    state.kind === 'loading'
      ? messages.host.connecting
      : state.kind === 'ready'
        ? messages.host.version(state.version, state.host)
        : messages.host.failed(state.message);
  return (
    <footer className="host-status" role="contentinfo" data-state={state.kind}>
      {text}
    </footer>
  );
}
