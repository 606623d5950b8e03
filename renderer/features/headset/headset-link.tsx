import { useEffect, useRef, useState } from 'react';
import { messages } from '../../i18n/messages';
import { TELEPHONY_PAGE } from './hid-telephony';
import { HeadsetControl, type HeadsetActions, type HeadsetCallState, type HidDeviceLike } from './headset-control';

/** The part of `navigator.hid` used here. */
interface HidLike {
  requestDevice(options: { filters: { usagePage: number }[] }): Promise<HidDeviceLike[]>;
  getDevices(): Promise<HidDeviceLike[]>;
}

const hidApi = (): HidLike | null => (navigator as Navigator & { hid?: HidLike }).hid ?? null;

/**
 * Connects a USB headset's call buttons (WebHID, telephony usage page): the agent picks the headset
 * once (a user gesture, filtered to telephony devices); at the next start the granted headset is
 * reconnected by itself. The LEDs follow `state` (off-hook while a call is up, mute, ring).
 */
export function HeadsetLink({ actions, state }: { actions: HeadsetActions; state: HeadsetCallState }) {
  const [control, setControl] = useState<HeadsetControl | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const stable = useRef<HeadsetActions>({
    answer: () => actionsRef.current.answer(),
    hangup: () => actionsRef.current.hangup(),
    setMuted: (m) => actionsRef.current.setMuted(m),
    state: () => actionsRef.current.state(),
  }).current;

  const bind = async (devices: HidDeviceLike[]) => {
    for (const d of devices) {
      const c = await HeadsetControl.attach(d, stable).catch(() => null);
      if (c) return c;
    }
    return null;
  };

  useEffect(() => {
    const hid = hidApi();
    if (!hid) return;
    let live = true;
    let bound: HeadsetControl | null = null;
    void hid
      .getDevices()
      .then(bind)
      .then((c) => {
        bound = c;
        if (live) setControl(c);
        else void c?.detach();
      });
    return () => {
      live = false;
      void bound?.detach();
    };
    // bind uses only stable refs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void control?.show(state);
  }, [control, state]);

  const hid = hidApi();
  if (!hid) return null;
  const connect = async () => {
    setError(null);
    try {
      const c = await bind(await hid.requestDevice({ filters: [{ usagePage: TELEPHONY_PAGE }] }));
      if (c) {
        await control?.detach();
        setControl(c);
      } else setError(messages.headset.noTelephony);
    } catch (err) {
      setError(messages.headset.failed(err instanceof Error ? err.message : String(err)));
    }
  };
  return (
    <div className="headset-link">
      <span>{control ? messages.headset.connected(control.name) : messages.headset.none}</span>
      <button type="button" onClick={() => void connect()}>
        {messages.headset.connect}
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </div>
  );
}
