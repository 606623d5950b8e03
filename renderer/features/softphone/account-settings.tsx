import { useEffect, useRef, useState, type FormEvent } from 'react';
import { softphoneConfigSchema, type SoftphoneConfig } from '../../../shared/ipc/channels/softphone';
import { messages } from '../../i18n/messages';
import { huifang } from '../../ipc/huifang';

/** The text fields of the form, in order; `admin` ones are read-only for everyone else. */
const FIELDS = [
  { key: 'sipUri', admin: false },
  { key: 'authUser', admin: false },
  { key: 'displayName', admin: false },
  { key: 'wsUrl', admin: true },
  { key: 'callerId', admin: true },
  { key: 'dialPrefix', admin: true },
  { key: 'ringTimeoutSec', admin: true },
] as const;
type FieldKey = (typeof FIELDS)[number]['key'];
type Draft = Record<FieldKey, string>;

const EMPTY: Draft = { sipUri: '', authUser: '', displayName: '', wsUrl: '', callerId: '', dialPrefix: '', ringTimeoutSec: '45' };

function toDraft(c: SoftphoneConfig | null): Draft {
  if (!c) return EMPTY;
  return {
    sipUri: c.sipUri,
    authUser: c.authUser,
    displayName: c.displayName,
    wsUrl: c.wsUrl,
    callerId: c.callerId,
    dialPrefix: c.dialPrefix,
    ringTimeoutSec: String(c.ringTimeoutSec),
  };
}

/**
 * The softphone account form (软电话账号设置): an agent sets their own SIP address, digest user,
 * display name and password; the proxy, caller ID, prefix and ring time are shown read-only unless
 * an administrator is signed in (the main process enforces the same rule). The password is
 * write-only: left empty it stays as stored. Saving makes the softphone register again.
 */
export function AccountSettings({ isAdmin, onClose }: { isAdmin: boolean; onClose: () => void }) {
  const [stored, setStored] = useState<SoftphoneConfig | null>(null);
  const [hasPassword, setHasPassword] = useState(false);
  // The centre handed this account to the signed-in agent: shown, not edited (main refuses a save too).
  const [managed, setManaged] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldKey | 'form', string>>>({});
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // The form opens below the devices: bring it into view once its fields are there (1280×720).
  const loaded = draft !== null;
  useEffect(() => {
    if (loaded) formRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [loaded]);

  useEffect(() => {
    let live = true;
    void huifang()
      .softphone.getConfig({})
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setErrors({ form: r.error.message });
        setStored(r.value.config);
        setHasPassword(r.value.hasPassword);
        setManaged(r.value.managedByCentre);
        setDraft(toDraft(r.value.config));
      });
    return () => {
      live = false;
    };
  }, []);

  if (!draft) return <p role="status">{errors.form ?? messages.softphone.settings.loading}</p>;

  const set = (key: FieldKey, value: string) => {
    setSaved(false);
    setDraft((d) => {
      if (!d) return d;
      const next = { ...d, [key]: value };
      // The digest user follows the SIP address's user part until it is typed differently.
      const userOf = (uri: string) => /^sips?:([^@]+)@/.exec(uri)?.[1] ?? '';
      if (key === 'sipUri' && (d.authUser === '' || d.authUser === userOf(d.sipUri))) next.authUser = userOf(value);
      return next;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const candidate = { ...(stored ?? {}), ...draft, ringTimeoutSec: Number(draft.ringTimeoutSec) };
    const parsed = softphoneConfigSchema.safeParse(candidate);
    if (!parsed.success) {
      const next: Partial<Record<FieldKey, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as FieldKey;
        next[key] ??= messages.softphone.settings.invalid[key] ?? issue.message;
      }
      return setErrors(next);
    }
    if (!hasPassword && password === '') return setErrors({ form: messages.softphone.settings.needPassword });
    setErrors({});
    const r = await huifang().softphone.saveConfig({ config: parsed.data, ...(password !== '' ? { password } : {}) });
    if (!r.ok) return setErrors({ form: r.error.message });
    setStored(r.value.config);
    setHasPassword(r.value.hasPassword);
    setPassword('');
    setSaved(true);
  };

  return (
    <form
      ref={formRef}
      className="softphone-settings"
      aria-label={messages.softphone.settings.title}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <h3>{messages.softphone.settings.title}</h3>
      {FIELDS.map(({ key, admin }) => {
        const locked = managed || (admin && !isAdmin);
        return (
          <label key={key}>
            {messages.softphone.settings.fields[key]}
            <input
              value={draft[key]}
              readOnly={locked}
              aria-readonly={locked}
              aria-invalid={errors[key] ? true : undefined}
              inputMode={key === 'ringTimeoutSec' || key === 'callerId' || key === 'dialPrefix' ? 'numeric' : undefined}
              autoComplete="off"
              onChange={(e) => set(key, e.target.value)}
            />
            {errors[key] ? <span className="form-error">{errors[key]}</span> : null}
          </label>
        );
      })}
      {managed ? (
        <p role="note">{messages.softphone.settings.managedByCentre}</p>
      ) : (
        <label>
          {messages.softphone.settings.password}
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            placeholder={hasPassword ? messages.softphone.settings.passwordKept : ''}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      )}
      {!isAdmin && !managed ? <p className="muted">{messages.softphone.settings.adminOnly}</p> : null}
      {errors.form ? (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      ) : null}
      {saved ? <p role="status">{messages.softphone.settings.saved}</p> : null}
      {managed ? null : <button type="submit">{messages.softphone.settings.save}</button>}
      <button type="button" onClick={onClose}>
        {messages.softphone.settings.close}
      </button>
    </form>
  );
}
