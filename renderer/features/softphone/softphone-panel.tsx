import { useEffect, useRef, useState, type FormEvent } from 'react';
import { focusIsLost } from '../../app/screen-focus';
import { softphoneMessages as m } from '../../i18n/softphone';
import { getSoftphone } from './softphone-instance';
import type { SoftphoneService } from './softphone-service';
import { useSoftphoneStore } from './softphone-store';
import { attemptLabel } from './attempt-label';
import { AccountSettings } from './account-settings';
import { useSessionStore } from '../sign-in/session-store';
import { maskPhone } from '../../../shared/domain/masking';
import './softphone-panel.css';

/** The hang-up / cancel shortcut (handled by the SoftphoneService, in both hosts). */
const HANGUP_KEYS = 'Control+Shift+H';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** mm:ss (or h:mm:ss) since `since`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * The softphone panel: registration and call state as they really are, timer, mic level, call
 * quality, controls (dial, cancel, hang up, mute, hold, keypad) and audio devices. Keyboard
 * reachable: every control is a native button, input or select with an accessible name.
 */
export function SoftphonePanel({ phone }: { phone?: Pick<SoftphoneService, 'dial' | 'hangup' | 'setMuted' | 'setHold' | 'sendDtmf' | 'chooseDevice' | 'testMicrophone'> }) {
  const [service] = useState(() => phone ?? getSoftphone());
  const s = useSoftphoneStore();
  const [number, setNumber] = useState('');
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Closing the settings form returns focus to the button that opened it (it would fall on <body>).
  const settingsButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !settingsOpen && focusIsLost()) settingsButton.current?.focus();
    wasOpen.current = settingsOpen;
  }, [settingsOpen]);
  const isAdmin = useSessionStore((st) => st.user?.role === 'admin');
  const { call } = s;
  const inCall = call.phase !== 'idle';
  const up = call.phase === 'established' || call.phase === 'held';
  const now = useNow(up);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (number.trim()) void service.dial(number.trim());
  };

  const phaseText = call.holdPending ? m.holdPending : m.phase[call.phase];
  // A case's number is the customer's personal data: masked here as in the case view. Only a
  // number dialled without a case — typed on this panel's pad by the agent — is shown in full.
  const shownNumber = call.number ? (call.caseId === null ? call.number : maskPhone(call.number)) : null;
  return (
    <section className="softphone-panel" aria-label={m.title}>
      <h2>{m.title}</h2>
      <p role="status" aria-label="注册状态" data-registration={s.registration}>
        {m.registration[s.registration]}
        {s.registration === 'reconnecting' && s.reconnectAttempt > 0 ? ` · ${m.reconnectAttempt(s.reconnectAttempt)}` : ''}
        {s.registrationDetail && s.registration !== 'registered' ? ` — ${s.registrationDetail}` : ''}
      </p>
      <p role="status" aria-label="通话状态" data-phase={call.phase} data-hold-pending={call.holdPending}>
        {phaseText}
        {shownNumber ? ` · ${shownNumber}` : ''}
      </p>
      {up && call.answeredAt !== null && (
        <p aria-label={m.timer}>
          <time>{formatDuration(now - call.answeredAt)}</time>
        </p>
      )}
      <label>
        {m.micLevel}
        <meter min={0} max={1} value={Math.min(1, s.micLevel * 4)} aria-label={m.micLevel} />
      </label>
      {s.micSilent && <span className="badge warning">{m.micSilentBadge}</span>}
      {!inCall && (
        <button type="button" onClick={() => void service.testMicrophone()}>
          {m.micTest}
        </button>
      )}
      {s.quality && (
        <p aria-label={m.quality} data-degraded={s.quality.degraded}>
          {m.qualityLine(
            s.quality.mos?.toFixed(1) ?? '—',
            s.quality.rttMs === null ? '—' : `${s.quality.rttMs} ms`,
            s.quality.jitterMs === null ? '—' : `${s.quality.jitterMs} ms`,
            s.quality.lossPct === null ? '—' : `${s.quality.lossPct}%`,
          )}
          {s.quality.degraded && <strong role="alert"> {m.qualityWarning}</strong>}
        </p>
      )}
      {!inCall && (
        <form onSubmit={submit}>
          <label>
            {m.number}
            <input value={number} onChange={(e) => setNumber(e.target.value)} inputMode="tel" autoComplete="off" />
          </label>
          <button type="submit" disabled={s.registration !== 'registered' || !number.trim()}>
            {m.dial}
          </button>
        </form>
      )}
      {(call.phase === 'calling' || call.phase === 'ringing') && (
        <button type="button" aria-keyshortcuts={HANGUP_KEYS} onClick={() => void service.hangup()}>
          {m.cancel}（{m.hangupShortcut}）
        </button>
      )}
      {up && (
        <div role="group" aria-label="通话控制">
          <button type="button" aria-keyshortcuts={HANGUP_KEYS} onClick={() => void service.hangup()}>
            {m.hangup}（{m.hangupShortcut}）
          </button>
          <button type="button" aria-pressed={call.muted} onClick={() => service.setMuted(!call.muted)}>
            {call.muted ? m.unmute : m.mute}
          </button>
          <button type="button" disabled={call.holdPending} aria-pressed={call.phase === 'held'} onClick={() => void service.setHold(call.phase !== 'held')}>
            {call.phase === 'held' ? m.resume : m.hold}
          </button>
          <div role="group" aria-label={m.keypad}>
            {KEYS.map((k) => (
              <button key={k} type="button" aria-label={m.dtmfKey(k)} onClick={() => void service.sendDtmf(k)}>
                {k}
              </button>
            ))}
          </div>
        </div>
      )}
      {s.lastResult && call.phase === 'idle' && (
        <p aria-label={m.lastResult} data-attempt={s.lastResult.kind === 'connected' ? 'connected' : s.lastResult.attempt} data-sip-code={s.lastResult.kind === 'failed' ? s.lastResult.sipCode : undefined}>
          {m.lastResult}：{s.lastResult.kind === 'connected' ? m.connected : `${attemptLabel(s.lastResult.attempt)} — ${s.lastResult.reason}`}
        </p>
      )}
      <fieldset>
        <legend>{m.devices}</legend>
        {(
          [
            ['micId', m.microphone, s.devices.inputs],
            ['speakerId', m.speaker, s.devices.outputs],
            ['ringerId', m.ringer, s.devices.outputs],
          ] as const
        ).map(([kind, label, list]) => (
          <label key={kind}>
            {label}
            <select value={s.devices[kind]} onChange={(e) => void service.chooseDevice(kind, e.target.value)}>
              <option value="default">{m.systemDefault}</option>
              {list
                .filter((d) => d.id !== 'default')
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
            </select>
          </label>
        ))}
      </fieldset>
      {!inCall && !settingsOpen && (
        <button type="button" ref={settingsButton} onClick={() => setSettingsOpen(true)}>
          {m.openSettings}
        </button>
      )}
      {settingsOpen && !inCall && <AccountSettings isAdmin={isAdmin} onClose={() => setSettingsOpen(false)} />}
      {s.notices.length > 0 && (
        <ul aria-label="软电话提示">
          {s.notices.map((n) => (
            <li key={n.id} data-level={n.level}>
              {n.text}
              <button type="button" aria-label={m.dismiss} onClick={() => s.dispatch({ type: 'dismissNotice', id: n.id })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
