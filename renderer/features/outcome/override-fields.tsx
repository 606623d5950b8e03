import type { Classification } from '../../../shared/domain/outcome/classify';
import type { OutcomeCategory } from '../../../shared/domain/outcome/outcome-scheme';
import { messages } from '../../i18n/messages';
import { schemeKinds } from './scheme-kinds';

const CATEGORIES: readonly OutcomeCategory[] = ['standard', 'substandard', 'problem', 'verification'];

/** What the agent is changing the computed result to: another category, or keeping the case open. */
export interface OverrideDraft {
  readonly category: OutcomeCategory | 'keep_open';
  /** Kind codes of `category` the agent picked (empty for 标准件). */
  readonly kinds: readonly string[];
  readonly reason: string;
}

/** The draft for a newly chosen category: the computed kinds of that category stay picked. */
export function draftFor(computed: Classification, category: OverrideDraft['category'], reason: string): OverrideDraft {
  if (category === 'keep_open') return { category, kinds: [], reason };
  const codes = new Set(schemeKinds(computed.schemeId, category).map((k) => k.code));
  return { category, kinds: computed.kinds.map((k) => k.code).filter((code) => codes.has(code)), reason };
}

/**
 * Changing the computed result: the new category, the kinds of that category (checkboxes from
 * the outcome scheme, shown when the category differs from the computed one and is not 标准件),
 * and the reason kept with the result. While the cooling-off period runs (`mayKeepOpen`) the agent may
 * instead keep the case open for another call (docs/domain.md §6), also with a reason.
 */
export function OverrideFields({
  computed,
  draft,
  mayKeepOpen,
  onChange,
}: {
  computed: Classification;
  draft: OverrideDraft;
  mayKeepOpen: boolean;
  onChange: (d: OverrideDraft) => void;
}) {
  const category = draft.category;
  const kinds = category !== computed.category && category !== 'standard' && category !== 'keep_open' ? schemeKinds(computed.schemeId, category) : [];
  const toggle = (code: string, on: boolean) =>
    onChange({ ...draft, kinds: kinds.map((k) => k.code).filter((c) => (c === code ? on : draft.kinds.includes(c))) });
  return (
    <fieldset className="override">
      <legend>{messages.outcome.changeTitle}</legend>
      <label className="field">
        <span>{messages.outcome.newCategory}</span>
        <select autoFocus value={draft.category} onChange={(e) => onChange(draftFor(computed, e.target.value as OverrideDraft['category'], draft.reason))}>
          {CATEGORIES.map((k) => (
            <option key={k} value={k}>
              {messages.outcome.categories[k]}
            </option>
          ))}
          {mayKeepOpen ? <option value="keep_open">{messages.outcome.keepOpen}</option> : null}
        </select>
      </label>
      {kinds.length > 0 ? (
        <fieldset className="override-kinds">
          <legend>{messages.outcome.pickKinds(messages.outcome.categories[category as OutcomeCategory])}</legend>
          {kinds.map((k) => (
            <label key={k.code} className="check">
              <input type="checkbox" value={k.code} checked={draft.kinds.includes(k.code)} onChange={(e) => toggle(k.code, e.target.checked)} />
              <span>{k.label.zh}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="field">
        <span>{messages.outcome.changeReason}</span>
        <input value={draft.reason} onChange={(e) => onChange({ ...draft, reason: e.target.value })} />
      </label>
    </fieldset>
  );
}
