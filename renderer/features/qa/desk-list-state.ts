import type { QaVerdict } from '../../../shared/domain/qa/prefill';

/**
 * One QA desk list (the agent's evaluations, the lead's disputes) and the action on its selected row:
 *
 *   loading --loaded--> browsing --compose(mode)--> composing --send--> sending --answered--> browsing
 *      |                  |   ^                        |  ^               |
 *      +--failed--> unavailable  +------cancel---------+  +---refused-----+ (back where it was sent from, message kept)
 *                         +--act(mode)--> sending  (an action without text, e.g. acknowledge)
 *
 * `answered` replaces the row by the centre's answer (or drops it when the answer leaves the list).
 */
export type DeskListPhase = 'loading' | 'unavailable' | 'browsing' | 'composing' | 'sending';
export type DeskAction = 'claim' | 'acknowledge' | 'dispute' | 'upheld' | 'revised';

export interface DeskListState<T extends { readonly id: string }> {
  readonly phase: DeskListPhase;
  readonly items: readonly T[];
  readonly selected: number;
  readonly mode: DeskAction | null;
  readonly draft: string;
  /** The verdicts being revised, by item id ("revised" only). */
  readonly verdicts: Readonly<Record<string, QaVerdict>>;
  /** Whence `sending` came, to return there on a refusal. */
  readonly from: 'browsing' | 'composing';
  readonly message: string | null;
  /** Whether `message` says why something failed (an alert) rather than what was done. */
  readonly error: boolean;
}

export type DeskListEvent<T> =
  | { readonly type: 'loaded'; readonly items: readonly T[] }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'move'; readonly delta: number }
  | { readonly type: 'select'; readonly index: number }
  | { readonly type: 'compose'; readonly mode: DeskAction; readonly verdicts?: Readonly<Record<string, QaVerdict>> }
  | { readonly type: 'act'; readonly mode: DeskAction }
  | { readonly type: 'draft'; readonly text: string }
  | { readonly type: 'verdict'; readonly itemId: string; readonly verdict: QaVerdict }
  | { readonly type: 'cancel' }
  | { readonly type: 'send' }
  | { readonly type: 'answered'; readonly replaces: string; readonly item: T | null; readonly message: string }
  | { readonly type: 'refused'; readonly message: string };

export function initialDeskList<T extends { readonly id: string }>(): DeskListState<T> {
  return { phase: 'loading', items: [], selected: 0, mode: null, draft: '', verdicts: {}, from: 'browsing', message: null, error: false };
}

const clamp = (n: number, i: number) => Math.max(0, Math.min(n - 1, i));

/** The pure transition; an event that does not apply in a phase leaves the state as it is. */
export function deskListReducer<T extends { readonly id: string }>(s: DeskListState<T>, e: DeskListEvent<T>): DeskListState<T> {
  switch (s.phase) {
    case 'loading':
      if (e.type === 'loaded') return { ...s, phase: 'browsing', items: e.items, selected: 0 };
      return e.type === 'failed' ? { ...s, phase: 'unavailable', message: e.message, error: true } : s;
    case 'unavailable':
      return s;
    case 'browsing':
      switch (e.type) {
        case 'move':
          return { ...s, selected: clamp(s.items.length, s.selected + e.delta) };
        case 'select':
          return { ...s, selected: clamp(s.items.length, e.index) };
        case 'compose':
          return s.items[s.selected] ? { ...s, phase: 'composing', mode: e.mode, draft: '', verdicts: e.verdicts ?? {}, message: null } : s;
        case 'act':
          return s.items[s.selected] ? { ...s, phase: 'sending', mode: e.mode, from: 'browsing', message: null } : s;
        default:
          return s;
      }
    case 'composing':
      switch (e.type) {
        case 'draft':
          return { ...s, draft: e.text };
        case 'verdict':
          return { ...s, verdicts: { ...s.verdicts, [e.itemId]: e.verdict } };
        case 'cancel':
          return { ...s, phase: 'browsing', mode: null, draft: '', verdicts: {}, message: null };
        case 'send':
          return { ...s, phase: 'sending', from: 'composing', message: null };
        default:
          return s;
      }
    case 'sending':
      if (e.type === 'refused') return { ...s, phase: s.from, mode: s.from === 'browsing' ? null : s.mode, message: e.message, error: true };
      if (e.type !== 'answered') return s;
      {
        const items = e.item ? s.items.map((x) => (x.id === e.replaces ? e.item! : x)) : s.items.filter((x) => x.id !== e.replaces);
        return {
          ...s,
          phase: 'browsing',
          items,
          selected: clamp(items.length, s.selected),
          mode: null,
          draft: '',
          verdicts: {},
          message: e.message,
          error: false,
        };
      }
  }
}
