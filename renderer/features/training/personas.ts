import type { AttemptOutcome } from '../../../shared/domain/outcome/attempt-outcome';
import type { OutcomeCategory } from '../../../shared/domain/outcome/outcome-scheme';
import type { Answer } from '../../../shared/domain/script/answer';
import type { ProxyReason, ProxyRelation } from '../../../shared/domain/script/authorised-proxy';
import type { BranchCode, EndReason } from '../../../shared/domain/script/script-definition';

/*
 * The simulated customers of the training line (培训线路). Each persona is plain data: the number
 * that reaches it, the voice it speaks with, how its replies differ from a cooperative customer's,
 * and the outcome a correct visit of it comes to. `expected` is not a wish: a unit test feeds the
 * persona's replies through the real script engine and visit decision and checks it.
 */

export type PersonaId = 'cooperative' | 'thinks_deposit' | 'denies_signing' | 'busy_callback' | 'hangs_up' | 'family_for_hard_of_hearing';

/** The recorded voices (one synthetic female-ish, one male-ish). */
export type Voice = 'female' | 'male';

/**
 * Every line a simulated customer can say; each is one recorded clip per voice that uses it
 * (renderer/features/training/clips/<voice>-<line>.opus) and one caption in the catalogue.
 */
export type LineId =
  | 'hello'
  | 'its_me'
  | 'mm'
  | 'convenient'
  | 'yes'
  | 'clear'
  | 'know'
  | 'read_it'
  | 'received'
  | 'signed_myself'
  | 'he_signed'
  | 'contact_ok'
  | 'goodbye'
  | 'thought_deposit'
  | 'understood_now'
  | 'agent_signed'
  | 'busy_call_tomorrow'
  | 'gotta_go'
  | 'family_answers';

/** What the agent should record for a reply (what a correct visit does with it). */
export type Intent =
  | { readonly kind: 'answer'; readonly answer: Answer }
  | { readonly kind: 'acknowledge' }
  /** A branch of the step; `proxy` for the authorised-family branch (the agent asks the name). */
  | { readonly kind: 'branch'; readonly branch: BranchCode; readonly proxy?: { readonly relation: ProxyRelation; readonly reason: ProxyReason } }
  /** The customer hangs up (the desk sees the far end's BYE). */
  | { readonly kind: 'hang_up' };

/** One thing the customer says, and what it means for the script. */
export interface Reply {
  readonly line: LineId;
  readonly intent: Intent;
}

/**
 * The outcome a correctly handled call with the persona comes to, in the visit decision's terms
 * (docs/domain.md §6): a final result (category and kind codes of the default scheme), or an
 * interim attempt (the case stays open) with its attempt outcome, whether the answers so far are
 * carried to the next call, and whether the agent should book a callback.
 */
export type ExpectedOutcome =
  | { readonly decision: 'final'; readonly category: OutcomeCategory; readonly kinds: readonly string[] }
  | {
      readonly decision: 'interim';
      readonly attempt: AttemptOutcome;
      readonly endReason: EndReason;
      readonly carriesAnswers: boolean;
      readonly callback: boolean;
    };

export interface Persona {
  readonly id: PersonaId;
  /** The dialled number (a mobile in the 139 0000 900x range, unused by any real case). */
  readonly phone: string;
  readonly expected: ExpectedOutcome;
  readonly voice: Voice;
  /** The policyholder a demo case for this persona should have (the family persona answers for her father). */
  readonly policyholderGender: 'male' | 'female';
  /**
   * Replies that differ from a cooperative customer's, by script step id: to the first ask, and
   * after the explanation (or when the same step is asked again). Without `again`, `first` is repeated.
   */
  readonly replies: Readonly<Partial<Record<string, { readonly first: Reply; readonly again?: Reply }>>>;
  /** Hangs up instead of replying once it has answered this many regulatory questions. */
  readonly hangsUpAfter?: number;
}

const yes = (line: LineId): Reply => ({ line, intent: { kind: 'answer', answer: 'yes' } });

export const PERSONAS: readonly Persona[] = [
  {
    id: 'cooperative',
    phone: '13900009001',
    voice: 'male',
    policyholderGender: 'male',
    replies: {},
    expected: { decision: 'final', category: 'standard', kinds: [] },
  },
  {
    // docs/domain.md §6 次标准件: thought it a deposit, cleared by the agent on the line.
    id: 'thinks_deposit',
    phone: '13900009002',
    voice: 'female',
    policyholderGender: 'female',
    replies: {
      insurance_nature: { first: { line: 'thought_deposit', intent: { kind: 'answer', answer: 'unclear' } }, again: yes('understood_now') },
    },
    expected: { decision: 'final', category: 'substandard', kinds: ['sub_not_insurance'] },
  },
  {
    // docs/domain.md §6 问题件: the application signed by someone else.
    id: 'denies_signing',
    phone: '13900009003',
    voice: 'male',
    policyholderGender: 'male',
    replies: { signature: { first: { line: 'agent_signed', intent: { kind: 'answer', answer: 'no' } } } },
    expected: { decision: 'final', category: 'problem', kinds: ['forged_signature'] },
  },
  {
    // docs/domain.md §5.3: busy → book a callback; the case stays open.
    id: 'busy_callback',
    phone: '13900009004',
    voice: 'female',
    policyholderGender: 'female',
    replies: { consent: { first: { line: 'busy_call_tomorrow', intent: { kind: 'branch', branch: 'busy' } } } },
    expected: { decision: 'interim', attempt: 'unavailable', endReason: 'busy', carriesAnswers: false, callback: true },
  },
  {
    // docs/domain.md §6: cut off after identity with nothing final: an attempt, answers carried.
    id: 'hangs_up',
    phone: '13900009005',
    voice: 'male',
    policyholderGender: 'male',
    replies: {},
    hangsUpAfter: 2,
    expected: { decision: 'interim', attempt: 'network', endReason: 'hung_up', carriesAnswers: true, callback: false },
  },
  {
    // docs/domain.md §4: the recorded exception: a daughter answers for a father who cannot hear well.
    id: 'family_for_hard_of_hearing',
    phone: '13900009006',
    voice: 'female',
    policyholderGender: 'male',
    replies: {
      identity: {
        first: {
          line: 'family_answers',
          intent: { kind: 'branch', branch: 'authorised_family', proxy: { relation: 'child', reason: 'hard_of_hearing' } },
        },
      },
      signature: { first: yes('he_signed') },
      insured_signature: { first: yes('he_signed') },
    },
    expected: { decision: 'final', category: 'standard', kinds: [] },
  },
];

/**
 * The persona a dialled number reaches: the number itself, or a number ending in it (a desk with a
 * dial prefix, e.g. 9 for an outside line, sends `913900009001`). Null: no such number (空号).
 */
export function personaByPhone(phone: string): Persona | null {
  const digits = phone.replace(/^\+86/, '');
  return PERSONAS.find((p) => digits === p.phone) ?? PERSONAS.find((p) => digits.endsWith(p.phone)) ?? null;
}
