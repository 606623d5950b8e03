import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CentreAddress } from '../../../shared/ipc/channels/center-address';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { useSessionStore } from './session-store';
import { allowCentreProxies } from './allow-centre-proxies';
import { CentreAddressForm } from './centre-address-form';
import { CentreAddressLine, MachineFileError } from './centre-address-line';

/**
 * Sign-in with staff number (工号) and password, against the case centre. Without a centre
 * address (a packaged desk at first run) it asks for the address first; otherwise it names the
 * centre and offers to enter or change the address where the desk may (README "The case centre address").
 */
export function SignInScreen({ onSubmit }: { onSubmit: (staffNo: string, password: string) => void }) {
  const [address, setAddress] = useState<CentreAddress | null>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [staffNo, setStaffNo] = useState('');
  const [password, setPassword] = useState('');
  const phase = useSessionStore((s) => s.phase);
  const error = useSessionStore((s) => s.error);
  const passwordRef = useRef<HTMLInputElement>(null);
  // The centre's SIP proxies must be allowed by this page before an agent signs in (see allowCentreProxies).
  const proxiesAllowed = useRef<Promise<void> | null>(null);
  useEffect(() => {
    proxiesAllowed.current ??= allowCentreProxies();
  }, []);
  // Read at every visit to this screen: the main process also picks up a file IT deployed meanwhile.
  useEffect(() => {
    let current = true;
    void huifang()
      .center.address({})
      .then((r) => current && r.ok && setAddress(r.value));
    return () => {
      current = false;
    };
  }, []);
  // A refused sign-in: the password is selected, so typing replaces it and Enter tries it again.
  useEffect(() => {
    if (error && passwordRef.current?.value) {
      passwordRef.current.focus();
      passwordRef.current.select();
    }
  }, [error]);
  const kept = (next: CentreAddress) => {
    setAddress(next);
    setEditing(false);
    setNotice(next.url ? messages.centreAddress.kept(next.url) : null);
    useSessionStore.setState({ error: null });
    // Another centre: its SIP proxies must be allowed before anyone signs in.
    proxiesAllowed.current = allowCentreProxies();
  };
  if (address && (address.source === 'none' || editing)) {
    return (
      <>
        <MachineFileError address={address} />
        <CentreAddressForm address={address} onKept={kept} onCancel={address.source === 'none' ? undefined : () => setEditing(false)} />
      </>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void (proxiesAllowed.current ?? Promise.resolve()).then(() => onSubmit(staffNo.trim(), password));
  };
  return (
    <>
      {address ? <MachineFileError address={address} /> : null}
      <form className="sign-in" aria-labelledby="sign-in-title" onSubmit={submit}>
        <h2 id="sign-in-title">{messages.signIn.title}</h2>
        {notice ? <p role="status">{notice}</p> : null}
        <label>
          {messages.signIn.staffNo}
          <input
            name="staffNo"
            autoComplete="username"
            inputMode="numeric"
            pattern="\d{3,12}"
            value={staffNo}
            onChange={(e) => setStaffNo(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          {messages.signIn.password}
          <input
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={phase === 'signing_in'}>
          {phase === 'signing_in' ? messages.signIn.signingIn : messages.signIn.submit}
        </button>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="hint">{address?.source === 'embedded' ? messages.signIn.demoHint : messages.signIn.hint}</p>
        {address ? <CentreAddressLine address={address} onChange={() => setEditing(true)} /> : null}
      </form>
    </>
  );
}
