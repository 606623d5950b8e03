import { useEffect, useRef, useState, type FormEvent } from 'react';
import { messages } from '../../i18n/messages';
import { useSessionStore } from './session-store';
import { allowCentreProxies } from './allow-centre-proxies';

/** Sign-in with staff number (工号) and password, against the case centre. */
export function SignInScreen({ onSubmit }: { onSubmit: (staffNo: string, password: string) => void }) {
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
  // A refused sign-in: the password is selected, so typing replaces it and Enter tries it again.
  useEffect(() => {
    if (error && passwordRef.current?.value) {
      passwordRef.current.focus();
      passwordRef.current.select();
    }
  }, [error]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void (proxiesAllowed.current ?? Promise.resolve()).then(() => onSubmit(staffNo.trim(), password));
  };
  return (
    <form className="sign-in" aria-labelledby="sign-in-title" onSubmit={submit}>
      <h2 id="sign-in-title">{messages.signIn.title}</h2>
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
      <p className="hint">{messages.signIn.hint}</p>
    </form>
  );
}
