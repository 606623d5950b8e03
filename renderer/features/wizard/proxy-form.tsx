import { useRef, useState, type FormEvent, type RefObject } from 'react';
import {
  checkProxy,
  PROXY_REASONS,
  PROXY_RELATIONS,
  type AuthorisedProxy,
  type ProxyReason,
  type ProxyRelation,
} from '../../../shared/domain/script/authorised-proxy';
import { messages } from '../../i18n/messages';

/**
 * Records the authorised family member who answers for the policyholder (docs/domain.md §4): name,
 * relation and the reason the policyholder cannot answer. Enter confirms, Esc cancels. Nothing is
 * recorded until all three are given; the domain core checks them again.
 */
export function ProxyForm({ onSubmit, onCancel }: { onSubmit: (p: AuthorisedProxy) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<ProxyRelation | ''>('');
  const [reason, setReason] = useState<ProxyReason | ''>('');
  const [error, setError] = useState<string | null>(null);
  const fields = { name: useRef<HTMLInputElement>(null), relation: useRef<HTMLSelectElement>(null), reason: useRef<HTMLSelectElement>(null) };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkProxy({ name, ...(relation ? { relation } : {}), ...(reason ? { reason } : {}) });
    if (!checked.ok) {
      setError(checked.message.zh);
      // Straight to the field at fault.
      fields[checked.field].current?.focus();
      return;
    }
    onSubmit(checked.value);
  };
  return (
    <form
      className="proxy-form"
      role="dialog"
      aria-label={messages.wizard.proxyTitle}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        } else if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
          // Enter confirms from the choice lists too (a select does not submit a form by itself).
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      <p className="proxy-rule">{messages.wizard.proxyRule}</p>
      <label>
        {messages.wizard.proxyName}
        <input ref={fields.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={40} autoFocus autoComplete="off" />
      </label>
      <Choice
        label={messages.wizard.proxyRelation}
        value={relation}
        options={PROXY_RELATIONS}
        labels={messages.wizard.proxyRelations}
        onChange={setRelation}
        selectRef={fields.relation}
      />
      <Choice
        label={messages.wizard.proxyReason}
        value={reason}
        options={PROXY_REASONS}
        labels={messages.wizard.proxyReasons}
        onChange={setReason}
        selectRef={fields.reason}
      />
      {error ? (
        <p className="wizard-hint" role="alert">
          {error}
        </p>
      ) : null}
      <div className="proxy-actions">
        <button type="submit" className="primary">
          {messages.wizard.proxyConfirm}
        </button>
        <button type="button" onClick={onCancel}>
          {messages.wizard.proxyCancel}
        </button>
      </div>
    </form>
  );
}

/** A labelled choice list with an empty first entry (nothing is pre-chosen for the agent). */
function Choice<T extends string>({
  label,
  value,
  options,
  labels,
  onChange,
  selectRef,
}: {
  label: string;
  value: T | '';
  options: readonly T[];
  labels: Readonly<Record<T, string>>;
  onChange: (v: T | '') => void;
  selectRef: RefObject<HTMLSelectElement | null>;
}) {
  return (
    <label>
      {label}
      <select ref={selectRef} value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </select>
    </label>
  );
}
