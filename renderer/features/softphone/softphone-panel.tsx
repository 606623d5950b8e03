import { useEffect, useRef, useState, type FormEvent } from 'react';
import { focusIsLost } from '../../ui/screen-focus';
import { messages } from '../../i18n/messages';
import { ExtensionPrompt } from './extension-prompt';
import { getSoftphone } from './softphone-instance';
import type { SoftphoneService } from './softphone-service';
import { useSoftphoneStore } from './softphone-store';
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
export function SoftphonePanel({
  phone,
}: {
  phone?: Pick<SoftphoneService, 'dial' | 'hangup' | 'setMuted' | 'setHold' | 'sendDtmf' | 'chooseDevice' | 'testMicrophone' | 'extension'>;
}) {
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

  const phaseText = call.holdPending ? messages.softphone.holdPending : messages.softphone.phase[call.phase];
  // A case's number is the customer's personal data: masked here as in the case view. Only a
  // number dialled without a case — typed on this panel's pad by the agent — is shown in full.
  const shownNumber = call.number ? (call.caseId === null ? call.number : maskPhone(call.number)) : null;
  return (
    <section className="softphone-panel" aria-label={messages.softphone.title}>
      <h2>{messages.softphone.title}</h2>
      {s.line === 'training' && (
        <p className="badge info" data-line="training" title={messages.softphone.trainingLineHint}>
          {messages.softphone.trainingLine}
        </p>
      )}
      <p role="status" aria-label={messages.softphone.registrationLabel} data-registration={s.registration}>
        {messages.softphone.registration[s.registration]}
        {s.registration === 'reconnecting' && s.reconnectAttempt > 0 ? ` · ${messages.softphone.reconnectAttempt(s.reconnectAttempt)}` : ''}
        {s.registrationDetail && s.registration !== 'registered' ? ` — ${s.registrationDetail}` : ''}
      </p>
      <p role="status" aria-label={messages.softphone.callLabel} data-phase={call.phase} data-hold-pending={call.holdPending}>
        {phaseText}
        {shownNumber ? ` · ${shownNumber}` : ''}
      </p>
      {up && call.answeredAt !== null && (
        <p aria-label={messages.softphone.timer}>
          <time>{formatDuration(now - call.answeredAt)}</time>
        </p>
      )}
      <label>
        {messages.softphone.micLevel}
        <meter min={0} max={1} value={Math.min(1, s.micLevel * 4)} aria-label={messages.softphone.micLevel} />
      </label>
      {s.micSilent && <span className="badge warning">{messages.softphone.micSilentBadge}</span>}
      {!inCall && (
        <button type="button" onClick={() => void service.testMicrophone()}>
          {messages.softphone.micTest}
        </button>
      )}
      {s.quality && (
        <p aria-label={messages.softphone.quality} data-degraded={s.quality.degraded}>
          {s.quality.noMedia
            ? messages.softphone.noMediaLine
            : messages.softphone.qualityLine(
                s.quality.mos?.toFixed(1) ?? '—',
                s.quality.rttMs === null ? '—' : `${s.quality.rttMs} ms`,
                s.quality.jitterMs === null ? '—' : `${s.quality.jitterMs} ms`,
                s.quality.lossPct === null ? '—' : `${s.quality.lossPct}%`,
              )}
          {s.quality.degraded && !s.quality.noMedia && <strong role="alert"> {messages.softphone.qualityWarning}</strong>}
        </p>
      )}
      {!inCall && (
        <form onSubmit={submit}>
          <label>
            {messages.softphone.number}
            <input value={number} onChange={(e) => setNumber(e.target.value)} inputMode="tel" autoComplete="off" />
          </label>
          <button type="submit" disabled={s.registration !== 'registered' || !number.trim()}>
            {messages.softphone.dial}
          </button>
        </form>
      )}
      {(call.phase === 'calling' || call.phase === 'ringing') && (
        <button type="button" aria-keyshortcuts={HANGUP_KEYS} onClick={() => void service.hangup()}>
          {messages.common.withKey(messages.softphone.cancel, messages.softphone.hangupShortcut)}
        </button>
      )}
      {up && (
        <div role="group" aria-label={messages.softphone.controls}>
          <button type="button" aria-keyshortcuts={HANGUP_KEYS} onClick={() => void service.hangup()}>
            {messages.common.withKey(messages.softphone.hangup, messages.softphone.hangupShortcut)}
          </button>
          <button type="button" aria-pressed={call.muted} onClick={() => service.setMuted(!call.muted)}>
            {call.muted ? messages.softphone.unmute : messages.softphone.mute}
          </button>
          <button type="button" disabled={call.holdPending} aria-pressed={call.phase === 'held'} onClick={() => void service.setHold(call.phase !== 'held')}>
            {call.phase === 'held' ? messages.softphone.resume : messages.softphone.hold}
          </button>
          {call.extension && <ExtensionPrompt extension={call.extension} control={service.extension} />}
          <div role="group" aria-label={messages.softphone.keypad}>
            {KEYS.map((k) => (
              <button key={k} type="button" aria-label={messages.softphone.dtmfKey(k)} onClick={() => void service.sendDtmf(k)}>
                {k}
              </button>
            ))}
          </div>
        </div>
      )}
      {s.lastResult && call.phase === 'idle' && (
        <p
          aria-label={messages.softphone.lastResult}
          data-attempt={s.lastResult.kind === 'connected' ? 'connected' : s.lastResult.attempt}
          data-sip-code={s.lastResult.kind === 'failed' ? s.lastResult.sipCode : undefined}
        >
          {messages.common.labelled(
            messages.softphone.lastResult,
            s.lastResult.kind === 'connected' ? messages.softphone.connected : `${messages.softphone.attempts[s.lastResult.attempt]} — ${s.lastResult.reason}`,
          )}
        </p>
      )}
      {s.missedCalls.length > 0 && (
        <ul className="softphone-missed" aria-label={messages.softphone.missedCalls}>
          {s.missedCalls.map((m) => (
            <li key={`${m.at}-${m.from}`}>{messages.common.labelled(messages.common.clock(m.at), m.from)}</li>
          ))}
        </ul>
      )}
      <fieldset>
        <legend>{messages.softphone.devices}</legend>
        {(
          [
            ['micId', messages.softphone.microphone, s.devices.inputs],
            ['speakerId', messages.softphone.speaker, s.devices.outputs],
            ['ringerId', messages.softphone.ringer, s.devices.outputs],
          ] as const
        ).map(([kind, label, list]) => (
          <label key={kind}>
            {label}
            <select value={s.devices[kind]} onChange={(e) => void service.chooseDevice(kind, e.target.value)}>
              <option value="default">{messages.softphone.systemDefault}</option>
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
          {messages.softphone.openSettings}
        </button>
      )}
      {settingsOpen && !inCall && <AccountSettings isAdmin={isAdmin} onClose={() => setSettingsOpen(false)} />}
      {s.notices.length > 0 && (
        <ul aria-label={messages.softphone.notices}>
          {s.notices.map((n) => (
            <li key={n.id} data-level={n.level}>
              {n.text}
              <button type="button" aria-label={messages.softphone.dismiss} onClick={() => s.dispatch({ type: 'dismissNotice', id: n.id })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
