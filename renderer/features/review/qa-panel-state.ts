import type { CallForm } from '../../../shared/sync/qa';
import type { QaPrefill, QaVerdict } from '../../../shared/domain/qa/prefill';

/**
 * The QA evaluation panel's state (serialisable):
 *
 *   loading --loaded--> editing --submit--> submitting --done--> submitted
 *      |                  ^                     |
 *      +--failed--> unavailable                 +--refused--> editing (error kept)
 *
 * In `editing` QA confirms or corrects each pre-filled verdict; `submitted` is final.
 */
export type PanelPhase = 'loading' | 'unavailable' | 'editing' | 'submitting' | 'submitted';

export interface PanelState {
  readonly phase: PanelPhase;
  readonly data: CallForm | null;
  readonly prefill: readonly QaPrefill[];
  readonly verdicts: Readonly<Record<string, QaVerdict | null>>;
  readonly notes: Readonly<Record<string, string>>;
  readonly selected: number;
  /** Why loading or the last submit failed; the outcome once submitted. */
  readonly message: string | null;
}

export type PanelEvent =
  | { readonly type: 'loaded'; readonly data: CallForm; readonly prefill: readonly QaPrefill[] }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'move'; readonly delta: number }
  | { readonly type: 'select'; readonly index: number }
  | { readonly type: 'verdict'; readonly verdict: QaVerdict }
  | { readonly type: 'note'; readonly itemId: string; readonly text: string }
  | { readonly type: 'submit' }
  | { readonly type: 'refused'; readonly message: string }
  | { readonly type: 'done'; readonly message: string };

export const initialPanel: PanelState = { phase: 'loading', data: null, prefill: [], verdicts: {}, notes: {}, selected: 0, message: null };

const clamp = (s: PanelState, i: number) => Math.max(0, Math.min(s.prefill.length - 1, i));

/** Items still without a verdict, in form order. */
export function undecided(s: PanelState): string[] {
  return s.prefill.filter((p) => (s.verdicts[p.itemId] ?? null) === null).map((p) => p.itemId);
}

/** The pure transition; events that do not apply in a phase leave the state as it is. */
export function panelReducer(s: PanelState, e: PanelEvent): PanelState {
  switch (s.phase) {
    case 'loading':
      if (e.type === 'loaded') {
        const verdicts = Object.fromEntries(e.prefill.map((p) => [p.itemId, p.suggested]));
        return { ...s, phase: e.data.evaluation ? 'submitted' : 'editing', data: e.data, prefill: e.prefill, verdicts };
      }
      return e.type === 'failed' ? { ...s, phase: 'unavailable', message: e.message } : s;
    case 'editing':
      switch (e.type) {
        case 'move':
          return { ...s, selected: clamp(s, s.selected + e.delta) };
        case 'select':
          return { ...s, selected: clamp(s, e.index) };
        case 'verdict': {
          const item = s.prefill[s.selected];
          // Judging an item moves on to the next, so a run of confirmations is one key each.
          return item ? { ...s, verdicts: { ...s.verdicts, [item.itemId]: e.verdict }, selected: clamp(s, s.selected + 1) } : s;
        }
        case 'note':
          return { ...s, notes: { ...s.notes, [e.itemId]: e.text } };
        case 'submit':
          return undecided(s).length === 0 ? { ...s, phase: 'submitting', message: null } : s;
        default:
          return s;
      }
    case 'submitting':
      if (e.type === 'refused') return { ...s, phase: 'editing', message: e.message };
      return e.type === 'done' ? { ...s, phase: 'submitted', message: e.message } : s;
    case 'unavailable':
    case 'submitted':
      return s;
  }
}
