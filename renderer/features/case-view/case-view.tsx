import { useEffect, useMemo, useRef, useState } from 'react';
import type { PolicyCase } from '../../../shared/domain/case';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import type { HuifangDb } from '../../data/huifang-db';
import { correctPhone } from '../../data/correct-phone';
import { useAttempts, useCorrections, useOpenCallbacks, useSetting } from '../../data/live-queries';
import { phoneBook } from '../../data/phone-book';
import type { CachedCase, PhoneCorrection } from '../../data/records';
import { AttemptHistory } from './attempt-history';
import { CaseDeadline } from './case-deadline';
import { messages } from '../../i18n/messages';
import { PhoneList } from './phone-list';
import { PolicyFacts } from './policy-facts';

/**
 * The case: the visit deadline (marked while its year's holidays are unknown), policy facts
 * (identity-safe until the script's identity step is passed), phone numbers with their
 * corrections, attempt history and booked callbacks. With `interactive`, D dials the
 * selected number, ↑/↓ select, C corrects, Esc goes back — or, while a dial rings, cancels it
 * (leaving then would orphan the call).
 */
export function CaseView({
  db,
  record,
  policy,
  revealed,
  me,
  interactive,
  dialling,
  onDial,
  onBack,
  onCancelDial,
  onCorrected,
}: {
  db: HuifangDb;
  record: CachedCase;
  policy: PolicyCase | null;
  revealed: boolean;
  me: string;
  interactive: boolean;
  dialling: boolean;
  onDial: (number: string) => void;
  onBack: () => void;
  /** Cancels the ringing dial (Esc while `dialling`). */
  onCancelDial?: () => void;
  /** A correction was saved (and waits in the outbox): ask for a sync. */
  onCorrected?: () => void;
}) {
  const policyNo = record.policyNo;
  const attempts = useAttempts(db, policyNo) ?? [];
  const corrections = useCorrections(db, policyNo);
  const callbacks = useOpenCallbacks(db, policyNo) ?? [];
  // Colleagues by name (the cached team roster), falling back to the staff number.
  const roster = useSetting(db, 'teamRoster');
  const ownerName = (staffNo: string) => (staffNo === me ? messages.caseView.ownerMe : (roster?.members.find((m) => m.staffNo === staffNo)?.name ?? staffNo));
  const onFile = useMemo(
    () => policy?.policyholder.phones ?? (record.data as { policyholder?: { phones?: string[] } }).policyholder?.phones ?? [],
    [policy, record],
  );
  // A correction just saved here counts at once, before the cache's live query brings it back
  // (it opens sealed rows asynchronously): D right after saving must dial the corrected number.
  const [justSaved, setJustSaved] = useState<{ policyNo: string; rows: readonly PhoneCorrection[] }>({ policyNo, rows: [] });
  const known = useMemo(() => {
    const live = corrections ?? [];
    const ids = new Set(live.map((c) => c.id));
    const pending = justSaved.policyNo === policyNo ? justSaved.rows.filter((c) => !ids.has(c.id)) : [];
    return [...live, ...pending];
  }, [corrections, justSaved, policyNo]);
  const entries = useMemo(() => phoneBook(onFile, known), [onFile, known]);
  const [selected, setSelected] = useState(0);
  const [correcting, setCorrecting] = useState(false);
  // A replaced number is never the dial target: fall back to the first dialable one in the same
  // render (the effect below only syncs the stored selection), so D right after a correction dials it.
  const firstDialable = entries.findIndex((e) => e.replacedBy === null);
  const active = entries[selected]?.replacedBy === null ? selected : firstDialable;
  const current = active >= 0 ? entries[active] : null;
  // The case region takes the keys (D, C, ↑/↓, Esc) — again once a correction form closes or the
  // unreached panel is done — so the next keystroke after opening the case is never lost.
  const rootRef = useRef<HTMLElement>(null);
  useFocusOnMount(rootRef, { enabled: interactive, key: correcting });

  useEffect(() => {
    // Keep the selection on a dialable number.
    const first = entries.findIndex((e) => e.replacedBy === null);
    if (entries[selected]?.replacedBy !== null && first >= 0) setSelected(first);
  }, [entries, selected]);

  useEffect(() => {
    if (!interactive || correcting) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const k = e.key.toLowerCase();
      if (k === 'd' && current && !dialling) {
        e.preventDefault();
        onDial(current.number);
      } else if (k === 'c' && entries[selected]) {
        e.preventDefault();
        setCorrecting(true);
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        setSelected((i) => Math.min(entries.length - 1, i + 1));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setSelected((i) => Math.max(0, i - 1));
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (dialling) onCancelDial?.();
        else onBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [interactive, correcting, current, dialling, entries, selected, onDial, onBack, onCancelDial]);

  return (
    <section className="case-view" aria-labelledby="case-title" ref={rootRef} tabIndex={interactive ? -1 : undefined}>
      <h2 id="case-title">{messages.caseView.title(policyNo)}</h2>
      <CaseDeadline db={db} deadline={record.deadline} />
      {policy ? (
        <PolicyFacts policy={policy} revealed={revealed} language={record.language ?? null} />
      ) : (
        <p className="form-error">{messages.caseView.invalidCase}</p>
      )}
      <PhoneList
        entries={entries}
        selected={active}
        revealed={revealed}
        correcting={correcting}
        onSelect={setSelected}
        onCorrect={async (original, corrected, reason) => {
          const row = await correctPhone(db, { policyNo, original, corrected, reason, by: me });
          setJustSaved((j) => ({ policyNo, rows: j.policyNo === policyNo ? [...j.rows, row] : [row] }));
          setCorrecting(false);
          onCorrected?.();
        }}
        onCancelCorrect={() => setCorrecting(false)}
      />
      {interactive ? (
        <div className="case-actions">
          <button type="button" className="primary" disabled={!current || dialling} onClick={() => current && onDial(current.number)}>
            {dialling ? messages.caseView.dialling : messages.common.withKey(messages.caseView.dial, 'D')}
          </button>
          <button type="button" onClick={() => setCorrecting(true)}>
            {messages.common.withKey(messages.caseView.correct, 'C')}
          </button>
          {dialling ? (
            <button type="button" onClick={onCancelDial}>
              {messages.common.withKey(messages.caseView.cancelDial, 'Esc')}
            </button>
          ) : (
            <button type="button" onClick={onBack}>
              {messages.common.withKey(messages.caseView.back, 'Esc')}
            </button>
          )}
        </div>
      ) : null}
      <AttemptHistory attempts={attempts} />
      <section aria-labelledby="callbacks-title" className="case-callbacks">
        <h3 id="callbacks-title">{messages.caseView.callbacks}</h3>
        {callbacks.length === 0 ? (
          <p className="muted">{messages.caseView.noCallbacks}</p>
        ) : (
          <ul>
            {callbacks.map((c) => (
              <li key={c.id}>
                {messages.common.dateTime(c.dueAt)} · {c.owner ? ownerName(c.owner) : messages.caseView.anyoneOwner}
                {c.note ? ` · ${c.note}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      {interactive ? <p className="shortcut-bar">{dialling ? messages.caseView.shortcutsDialling : messages.caseView.shortcuts}</p> : null}
    </section>
  );
}
