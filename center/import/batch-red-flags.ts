import { sql } from 'kysely';
import type { PolicyCase } from '../../shared/domain/case';
import { isAgentsOwnPolicy } from '../../shared/domain/red-flags';
import { parsePhone } from '../../shared/domain/phone';
import type { Store } from '../store/open-store';
import { IntList, KeyTable } from './key-table';
import { FlagLists, Related } from './ledger-parts';

/** The number a case is indexed under (`cases.holder_phone`): its first well-formed phone, normalised. */
export function indexedPhone(c: PolicyCase): string | null {
  for (const raw of c.policyholder.phones) {
    const p = parsePhone(raw);
    if (p.ok) return p.normalized;
  }
  return null;
}

/** A case's parties as the ledger reads them: person keys and normalised numbers, before interning. */
interface PartyTexts {
  readonly holder: string;
  /** The insured when another person than the holder (related to the holder). */
  readonly insured: string | null;
  readonly numbers: readonly string[];
}

/** What the shared-number rule needs of a stored case: who holds it, who is insured, its numbers (ids). */
interface Parties {
  readonly holder: number;
  /** -1 when the insured is the holder. */
  readonly insured: number;
  readonly numbers: readonly number[];
}

// Persons as the domain core's detectRedFlags keys them (shared/domain/red-flags.ts).
const personKey = (idType: string | undefined, idNumber: string | undefined, fallback: string) =>
  idType && idNumber ? `${idType}:${idNumber.toUpperCase()}` : fallback;

function partiesOf(c: PolicyCase): PartyTexts & { missing: boolean; malformed: boolean } {
  const h = c.policyholder;
  const numbers = new Set<string>();
  let malformed = false;
  let nonEmpty = 0;
  for (const raw of h.phones) {
    if (raw.trim() === '') continue;
    nonEmpty++;
    const p = parsePhone(raw);
    if (p.ok) numbers.add(p.normalized);
    else malformed = true;
  }
  return {
    holder: personKey(h.idType, h.idNumber, `policy:${c.policyNo}`),
    insured: c.insured.relationship === 'self' ? null : personKey(c.insured.idType, c.insured.idNumber, `insured:${c.policyNo}`),
    numbers: [...numbers],
    missing: nonEmpty === 0,
    malformed,
  };
}

/** `marks` bits of a row; the rest of the mark is its base list's index. */
const AGENT = 1;
const SHARED = 2;
const NONE: readonly number[] = Object.freeze([]);

/**
 * Red flags of an import read in batches (docs/domain.md §7), the same codes the domain core's
 * `detectRedFlags` gives over the whole batch plus the stored cases indexed under its numbers — so
 * a number spread over several imports is still caught. A row is stored with the answer over the
 * rows read so far; after the last batch `settle` recomputes over the whole file and names the rows
 * whose answer changed (a number shared with rows further down the file), for the import to correct.
 * The ledger holds every row of the file for the whole import, so it keeps no case and no object
 * per row: persons and numbers are interned once (key-table.ts) and a row is a few integers in
 * typed arrays — about 60 bytes a row where objects, strings and maps took 270, and every live
 * megabyte costs V8's heap several between full collections.
 * Limitation: stored cases are found by their first valid number only.
 */
export class RedFlagLedger {
  private readonly persons = new KeyTable();
  private readonly phones = new KeyTable();
  private readonly policyNos: string[] = [];
  private readonly holders = new IntList();
  private readonly insureds = new IntList();
  /** The row's first number (-1: none); the rows with more have all theirs in `moreNumbers`. */
  private readonly firstNumber = new IntList();
  private readonly moreNumbers = new Map<number, readonly number[]>();
  /** Base list index × 4 + AGENT + SHARED (what the row was stored with; the final answer may differ). */
  private readonly marks = new IntList();
  /** Stored cases met through their numbers (left out once the file has the policy). */
  private readonly storedPolicy: string[] = [];
  private readonly storedParties: Parties[] = [];
  private readonly storedIndex = new Map<string, number>();
  private readonly related = new Related();
  /**
   * Who is on each number id so far: a file row by its index, a stored case s as -2 - s (-1: no one);
   * the numbers with several have them all in `moreOn`.
   */
  private readonly firstOn = new IntList();
  private readonly moreOn = new Map<number, number[]>();
  private readonly flagLists = new FlagLists();

  /** `inFile`: the policy numbers the file has given so far (the import's duplicate check keeps them). */
  constructor(
    private readonly inFile: { has(policyNo: string): boolean },
    private readonly threshold = 3,
  ) {}

  /** Agents' numbers parsed so far: a list repeats the same few hundred agents on every row. */
  private readonly agentPhones = new Map<string | undefined, ReturnType<typeof parsePhone>>();

  private agentPhone(raw: string | undefined) {
    let p = this.agentPhones.get(raw);
    if (p === undefined) {
      if (this.agentPhones.size >= 10_000) this.agentPhones.clear();
      this.agentPhones.set(raw, (p = parsePhone(raw)));
    }
    return p;
  }

  private numbersOf(row: number): readonly number[] {
    const first = this.firstNumber.get(row);
    return first < 0 ? NONE : (this.moreNumbers.get(row) ?? [first]);
  }

  private onNumber(n: number): readonly number[] {
    const first = n < this.firstOn.length ? this.firstOn.get(n) : -1;
    return first === -1 ? NONE : (this.moreOn.get(n) ?? [first]);
  }

  /** The number row `index` is indexed under, as `indexedPhone` gives it (its first well-formed number). */
  indexedPhoneOf(index: number): string | null {
    const first = this.firstNumber.get(index);
    return first < 0 ? null : this.phones.text(first);
  }

  private intern(p: PartyTexts): Parties {
    return {
      holder: this.persons.add(p.holder),
      insured: p.insured === null ? -1 : this.persons.add(p.insured),
      numbers: p.numbers.map((n) => this.phones.add(n)),
    };
  }

  /** Adds one accepted row; returns its ledger index. */
  add(c: PolicyCase, scheduleFlags: readonly string[]): number {
    const texts = partiesOf(c);
    const agent = this.agentPhone(c.agent.phone);
    const agentMatch = agent.ok && texts.numbers.includes(agent.normalized) && !isAgentsOwnPolicy(c);
    const p = this.intern(texts);
    const index = this.policyNos.length;
    this.policyNos.push(c.policyNo);
    this.holders.push(p.holder);
    this.insureds.push(p.insured);
    this.firstNumber.push(p.numbers[0] ?? -1);
    if (p.numbers.length > 1) this.moreNumbers.set(index, p.numbers);
    this.marks.push(this.flagLists.baseIndex(scheduleFlags, texts.missing, texts.malformed) * 4 + (agentMatch ? AGENT : 0));
    this.note(index, p);
    return index;
  }

  private note(who: number, p: Parties): void {
    this.related.add(p.holder, p.insured);
    for (const n of p.numbers) {
      this.firstOn.ensure(n + 1, -1);
      const first = this.firstOn.get(n);
      if (first === -1) this.firstOn.set(n, who);
      else {
        const more = this.moreOn.get(n);
        if (more) more.push(who);
        else this.moreOn.set(n, [first, who]);
      }
    }
  }

  /**
   * Looks up the stored cases indexed under numbers of rows `from…` not looked up before: the numbers
   * of rows before `from`, each looked up with its own batch.
   */
  async loadStored(store: Store, from: number): Promise<void> {
    const fresh = new Set<number>();
    const askedBefore = (n: number) => this.onNumber(n).some((who) => who >= 0 && who < from);
    for (let i = from; i < this.policyNos.length; i++) for (const n of this.numbersOf(i)) if (!askedBefore(n)) fresh.add(n);
    const list = [...fresh].map((n) => this.phones.text(n));
    // PostgreSQL: one query with one array parameter, whatever the count (a round trip and a plan per
    // query); SQLite: 1 000 numbers per `in` list, far under its limit of bound variables.
    const step = store.engine === 'postgres' ? Math.max(list.length, 1) : 1000;
    for (let i = 0; i < list.length; i += step) {
      const part = list.slice(i, i + step);
      const rows = await store.db
        .selectFrom('cases')
        .select(['policy_no', 'data'])
        .where((eb) => (store.engine === 'postgres' ? sql<boolean>`holder_phone = any(${part}::text[])` : eb('holder_phone', 'in', part)))
        .execute();
      for (const r of rows) {
        // The file's own rows (maybe stored by an earlier batch of this import) count as read from the file.
        if (this.storedIndex.has(r.policy_no) || this.inFile.has(r.policy_no)) continue;
        const parties = this.intern(partiesOf(JSON.parse(r.data) as PolicyCase));
        const s = this.storedPolicy.length;
        this.storedPolicy.push(r.policy_no);
        this.storedParties.push(parties);
        this.storedIndex.set(r.policy_no, s);
        this.note(-2 - s, parties);
      }
    }
  }

  /**
   * Whether number `n` is held by `threshold` or more unrelated policyholders: the file's rows on it
   * and the stored cases on it that the file has not re-read (a re-read case counts as the file's row, not twice).
   */
  private sharedUnder(n: number, related: Related): boolean {
    const on = this.onNumber(n);
    if (on.length < this.threshold) return false; // fewer holders than the threshold whoever they are
    const roots = new Set<number>();
    for (const who of on) {
      if (who >= 0) roots.add(related.find(this.holders.get(who)));
      else {
        const s = -2 - who;
        if (!this.inFile.has(this.storedPolicy[s]!)) roots.add(related.find(this.storedParties[s]!.holder));
      }
    }
    return roots.size >= this.threshold;
  }

  /** The red-flag codes of rows `from…` over the file as read so far, recorded as what they are stored with. */
  flagsFrom(from: number): (readonly string[])[] {
    const counted = new Map<number, boolean>();
    const isShared = (n: number) => {
      let v = counted.get(n);
      if (v === undefined) counted.set(n, (v = this.sharedUnder(n, this.related)));
      return v;
    };
    const out: (readonly string[])[] = [];
    for (let i = from; i < this.policyNos.length; i++) {
      const shared = this.numbersOf(i).some(isShared);
      const mark = this.marks.get(i);
      this.marks.set(i, shared ? mark | SHARED : mark & ~SHARED);
      out.push(this.compose(i, shared));
    }
    return out;
  }

  /**
   * The whole file read: recomputes the shared-number rule exactly as over one batch (the file's
   * rows plus the stored cases it does not contain) and returns the rows whose flags differ from
   * what they were stored with, with their final flags.
   */
  settle(): { index: number; policyNo: string; flags: readonly string[] }[] {
    const related = new Related();
    for (let i = 0; i < this.policyNos.length; i++) related.add(this.holders.get(i), this.insureds.get(i));
    this.storedParties.forEach((p, s) => {
      if (!this.inFile.has(this.storedPolicy[s]!)) related.add(p.holder, p.insured);
    });
    const out: { index: number; policyNo: string; flags: readonly string[] }[] = [];
    for (let index = 0; index < this.policyNos.length; index++) {
      const now = this.numbersOf(index).some((n) => this.sharedUnder(n, related));
      if (now !== ((this.marks.get(index) & SHARED) !== 0)) out.push({ index, policyNo: this.policyNos[index]!, flags: this.compose(index, now) });
    }
    return out;
  }

  /** The codes in the order the domain core reports them: own phone flags, shared number, agent's number. */
  private compose(row: number, shared: boolean): readonly string[] {
    const mark = this.marks.get(row);
    const base = this.flagLists.base(mark >> 2);
    const agentMatch = (mark & AGENT) !== 0;
    if (!shared && !agentMatch) return base;
    return this.flagLists.intern([...base, ...(shared ? ['shared_number'] : []), ...(agentMatch ? ['agent_phone_match'] : [])]);
  }
}
