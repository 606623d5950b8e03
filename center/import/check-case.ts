import { isIsoDate } from '../../shared/domain/calendar/iso-date';
import { crossFieldIssues } from '../../shared/domain/case-checks';
import { channelKinds, idTypes, premiumFrequencies, productDesigns, relationships, type PolicyCase } from '../../shared/domain/case';

/**
 * A hand-written check of a case the import mapped from a row, saying what the shared zod schema
 * (`caseSchema`, shared/domain/case.ts) says of it and building the same value — same trimmed texts,
 * same keys in the same order, unknown keys left out — at a fraction of the cost: the schema took
 * about a third of an import's validation time. The schema stays the definition: this answers only
 * "valid, and here is the case" or "ask the schema" (`null`), and every row it does not accept goes
 * through `parseCase` for the problem list. test/center/check-case.test.ts proves both agree on
 * generated good and bad cases. A change to the schema must be made here too (that test fails until).
 */

type Rec = Record<string, unknown>;
/** The answer of a field check for "not valid (or not sure)": the row goes to the schema. */
const NO: unique symbol = Symbol('no');
type No = typeof NO;

const DESIGNS = new Set<string>(productDesigns);
const CHANNELS = new Set<string>(channelKinds);
const ID_TYPES = new Set<string>(idTypes);
const RELATIONSHIPS = new Set<string>(relationships);
const FREQUENCIES = new Set<string>(premiumFrequencies);
const LINES = new Set(['life', 'health']);
const MODES = new Set(['single', 'regular']);
const GENDERS = new Set(['male', 'female']);
const HOLDER_KINDS = new Set(['individual', 'organisation']);
const TERM_UNITS = new Set(['days', 'months', 'years', 'to_age']);

/** A plain object as the import builds them (anything else, the schema judges). */
const rec = (v: unknown): Rec | null => (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype ? (v as Rec) : null);

/** `z.string().trim().min(1)` (and `.max`): the trimmed text. */
function text(v: unknown, max = Infinity): string | No {
  if (typeof v !== 'string') return NO;
  const t = v.trim();
  return t.length >= 1 && t.length <= max ? t : NO;
}
const str = (v: unknown): string | No => (typeof v === 'string' ? v : NO);
const oneOf = (set: Set<string>) => (v: unknown) => (typeof v === 'string' && set.has(v) ? v : NO);
const bool = (v: unknown): boolean | No => (typeof v === 'boolean' ? v : NO);
const date = (v: unknown): string | No => (isIsoDate(v) ? v : NO);
/** `z.number()` (finite) with zod's integer (safe integer) and bounds checks. */
function num(v: unknown, int: boolean, min: number, max: number, above = false): number | No {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NO;
  if (int && !Number.isSafeInteger(v)) return NO;
  return (above ? v > min : v >= min) && v <= max ? v : NO;
}

/**
 * Copies `keys` of `from` into a new object in schema order, each through its check; `undefined`
 * for an absent optional key (left out, as zod leaves it out), NO for anything the schema refuses.
 */
function shape(from: unknown, fields: readonly (readonly [string, (v: unknown) => unknown, boolean])[]): Rec | No {
  const o = rec(from);
  if (o === null) return NO;
  const out: Rec = {};
  for (const [key, check, optional] of fields) {
    const v = o[key];
    if (v === undefined) {
      if (!optional) return NO;
      if (key in o) out[key] = undefined; // zod keeps a key given as undefined
      continue;
    }
    const r = check(v);
    if (r === NO) return NO;
    out[key] = r;
  }
  return out;
}

const T = (v: unknown) => text(v);
const req = (key: string, check: (v: unknown) => unknown) => [key, check, false] as const;
const opt = (key: string, check: (v: unknown) => unknown) => [key, check, true] as const;

function term(v: unknown): Rec | No {
  const o = rec(v);
  if (o === null) return NO;
  if (o.unit === 'whole_life') return { unit: 'whole_life' };
  if (typeof o.unit !== 'string' || !TERM_UNITS.has(o.unit)) return NO;
  const value = num(o.value, true, 0, o.unit === 'to_age' ? 150 : Infinity, true);
  return value === NO ? NO : { unit: o.unit, value };
}

function phones(v: unknown): string[] | No {
  if (!Array.isArray(v) || v.length > 10) return NO;
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const p: unknown = v[i];
    if (typeof p !== 'string') return NO;
    out.push(p);
  }
  return out;
}

const PRODUCT = [req('code', T), req('name', T), req('design', oneOf(DESIGNS)), req('line', oneOf(LINES)), req('longTermHealth', bool)] as const;
const PREMIUM = [
  req('mode', oneOf(MODES)),
  opt('frequency', oneOf(FREQUENCIES)),
  req('paymentYears', (v) => num(v, true, 1, 100)),
  req('amount', (v) => num(v, false, 0, Infinity, true)),
  req('sumInsured', (v) => num(v, false, 0, Infinity)),
  opt('nextDueDate', date),
] as const;
const CHANNEL = [req('kind', oneOf(CHANNELS)), opt('bank', T), opt('outlet', T)] as const;
const BRANCH = [req('code', T), req('name', T)] as const;
const AGENT = [req('code', T), req('name', T), opt('phone', str), opt('idNumber', T)] as const;
const HOLDER = [
  req('kind', oneOf(HOLDER_KINDS)),
  req('name', T),
  opt('gender', oneOf(GENDERS)),
  opt('birthDate', date),
  req('idType', oneOf(ID_TYPES)),
  req('idNumber', T),
  req('phones', phones),
  opt('address', str),
  opt('postcode', str),
] as const;
const INSURED = [
  req('relationship', oneOf(RELATIONSHIPS)),
  opt('name', T),
  opt('gender', oneOf(GENDERS)),
  opt('birthDate', date),
  opt('idType', oneOf(ID_TYPES)),
  opt('idNumber', T),
] as const;
const DATES = [
  req('application', date),
  req('underwriting', date),
  opt('print', date),
  opt('receiptSigned', date),
  opt('receiptEntered', date),
  opt('receiptWrittenOff', date),
] as const;
const CASE = [
  opt('id', T),
  req('policyNo', (v) => text(v, 40)),
  req('product', (v) => shape(v, PRODUCT)),
  req('term', term),
  req('premium', (v) => shape(v, PREMIUM)),
  req('channel', (v) => shape(v, CHANNEL)),
  req('branch', (v) => shape(v, BRANCH)),
  req('agent', (v) => shape(v, AGENT)),
  req('policyholder', (v) => shape(v, HOLDER)),
  req('insured', (v) => shape(v, INSURED)),
  req('dates', (v) => shape(v, DATES)),
  req('recordedSale', bool),
  opt('coolingOffDays', (v) => num(v, true, 1, 366)),
] as const;

/** The case as `caseSchema` would give it, or `null`: not valid, or not sure — ask `parseCase`. */
export function checkBuiltCase(input: Record<string, unknown>): PolicyCase | null {
  const value = shape(input, CASE);
  if (value === NO || crossFieldIssues(value).length > 0) return null;
  return value as unknown as PolicyCase;
}
