import { useState, type FormEvent } from 'react';
import type { CentreAddress } from '../../../shared/ipc/channels/center-address';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';

const text = messages.centreAddress;

/**
 * Enters a centre address (README "The case centre address"). The main process checks it —
 * reachable, TLS valid, a Huifang centre — before it keeps it, and answers each failure with its
 * own kind; this form only shows the catalogue's text for it. With an address already kept, the
 * change needs an administrator's staff number and password, which the current centre verifies.
 */
export function CentreAddressForm({ address, onKept, onCancel }: { address: CentreAddress; onKept: (next: CentreAddress) => void; onCancel?: () => void }) {
  const [url, setUrl] = useState('');
  const [staffNo, setStaffNo] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; detail: string } | null>(null);
  const needsAdmin = address.change === 'admin';
  const firstRun = address.source === 'none';
  const title = needsAdmin ? text.changeTitle : firstRun ? text.firstRunTitle : text.connectTitle;
  const intro = needsAdmin ? text.changeIntro : firstRun ? text.firstRunIntro : text.connectIntro;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await huifang().center.setAddress({ url: url.trim(), ...(needsAdmin ? { admin: { staffNo: staffNo.trim(), password } } : {}) });
    setBusy(false);
    if (!answer.ok) setError({ message: answer.error.message, detail: '' });
    else if (answer.value.kind === 'refused') setError({ message: text.problem[answer.value.problem], detail: answer.value.detail });
    else onKept(answer.value.address);
  };

  return (
    <form className="sign-in" aria-labelledby="centre-address-title" onSubmit={(e) => void submit(e)}>
      <h2 id="centre-address-title">{title}</h2>
      <p className="hint">{intro}</p>
      <label>
        {text.url}
        <input
          name="centreUrl"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder={text.urlPlaceholder}
          maxLength={2000}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
          autoFocus
        />
      </label>
      {needsAdmin ? (
        <>
          <label>
            {text.adminStaffNo}
            <input
              name="adminStaffNo"
              inputMode="numeric"
              pattern="\d{3,12}"
              autoComplete="off"
              value={staffNo}
              onChange={(e) => setStaffNo(e.target.value)}
              required
            />
          </label>
          <label>
            {text.adminPassword}
            <input name="adminPassword" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          <p className="hint">{text.itFallback(address.machineFile)}</p>
        </>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? text.checking : text.submit}
      </button>
      {onCancel ? (
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {text.cancel}
        </button>
      ) : null}
      {error ? (
        <div role="alert">
          <p className="form-error">{error.message}</p>
          {error.detail ? <p className="hint">{text.technical(error.detail)}</p> : null}
        </div>
      ) : null}
    </form>
  );
}
