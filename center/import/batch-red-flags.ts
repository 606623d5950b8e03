import { sql } from 'kysely';
import type { PolicyCase } from '../../shared/domain/case';
import { isAgentsOwnPolicy } from '../../shared/domain/red-flags';
import { parsePhone } from '../../shared/domain/phone';
import type { Store } from '../store/open-store';

/** The number a case is indexed under (`cases.holder_phone`): its first well-formed phone, normalised. */
export function indexedPhone(c: PolicyCase): string | null {
  for (const raw of c.policyholder.phones) {
    const p = parsePhone(raw);
    if (p.ok) return p.normalized;
  }
  return null;
}

/**
 * One value or several. The ledger holds an entry per row of the file for the whole import; most rows
 * have one number and most numbers one holder, and an array for each would add a third to its size.
 */
type OneOrMany<T> = T | readonly T[];
const each = <T>(v: OneOrMany<T> | undefined): readonly T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v as T]);

/** What the shared-number rule needs of a case: who holds it, who is insured, its numbers. */
interface Parties {
  readonly holder: string;
  /** The insured when another person than the holder (related to the holder). */
  readonly insured: string | null;
  readonly numbers: OneOrMany<string>;
}

/** One accepted row of the import, as the ledger keeps it: parties plus its flags but shared_number. */
interface LedgerRow extends Parties {
  readonly policyNo: string;
  /** Schedule flags then the row's own red flags (missing or malformed phone), in the domain core's order. */
  readonly base: readonly string[];
  readonly agentMatch: boolean;
  /** What the row was stored with (the batch as far as read); the final answer may differ. */
  shared: boolean;
}

// Persons as the domain core's detectRedFlags keys them (shared/domain/red-flags.ts).
const personKey = (idType: string | undefined, idNumber: string | undefined, fallback: string) =>
  idType && idNumber ? `${idType}:${idNumber.toUpperCase()}` : fallback;

function partiesOf(c: PolicyCase): Parties & { missing: boolean; malformed: boolean } {
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
    numbers: numbers.size === 1 ? numbers.values().next().value! : [...numbers],
    missing: nonEmpty === 0,
    malformed,
  };
}

/** A level of `RedFlagLedger.baseList`'s tree: the codes after this one, and the list ending here. */
interface BaseNode {
  readonly next: Map<string, BaseNode>;
  list: readonly string[] | null;
}

function child(node: BaseNode, code: string): BaseNode {
  let n = node.next.get(code);
  if (!n) node.next.set(code, (n = { next: new Map(), list: null }));
  return n;
}

/**
 * Union-find over person keys: a policyholder and the insured of their own policy are one party. A
 * person never joined to another is their own root and takes no entry.
 */
class Related {
  private readonly parent = new Map<string, string>();
  find(k: string): string {
    let root = k;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    for (let cur = k; cur !== root;) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  add(p: Parties): void {
    if (p.insured === null) return;
    if (!this.parent.has(p.holder)) this.parent.set(p.holder, p.holder);
    if (!this.parent.has(p.insured)) this.parent.set(p.insured, p.insured);
    const a = this.find(p.holder);
    const b = this.find(p.insured);
    if (a !== b) this.parent.set(a, b);
  }
}

/**
 * Red flags of an import read in batches (docs/domain.md §7), the same codes the domain core's
 * `detectRedFlags` gives over the whole batch plus the stored cases indexed under its numbers — so
 * a number spread over several imports is still caught. Only compact keys are kept per row (persons
 * and numbers), never the cases. A row is stored with the answer over the rows read so far; after
 * the last batch `settle` recomputes over the whole file and names the rows whose answer changed
 * (a number shared with rows further down the file), for the import to correct.
 * Limitation: stored cases are found by their first valid number only.
 */
export class RedFlagLedger {
  private readonly rows: LedgerRow[] = [];
  /** Stored cases met through their numbers, by policy number (left out once the file has the policy). */
  private readonly stored = new Map<string, Parties>();
  private readonly related = new Related();
  /** Who is on each number so far: a file row by its ledger index, a stored case by its policy number. */
  private readonly onNumber = new Map<string, OneOrMany<number | string>>();
  /** Flag lists are few and alike: one array per distinct list, shared by the rows and the report. */
  private readonly lists = new Map<string, readonly string[]>();

  /** `inFile`: the policy numbers the file has given so far (the import's duplicate check keeps them). */
  constructor(
    private readonly inFile: { has(policyNo: string): boolean },
    private readonly threshold = 3,
  ) {}

  private intern(list: readonly string[]): readonly string[] {
    const key = list.join('|');
    let v = this.lists.get(key);
    if (!v) this.lists.set(key, (v = Object.freeze([...list])));
    return v;
  }

  /**
   * Each row's base list (schedule flags then its own phone flags), found without building a list
   * or key per row: a tree of the lists met, one level per code.
   */
  private readonly bases: BaseNode = { next: new Map(), list: null };

  private baseList(scheduleFlags: readonly string[], missing: boolean, malformed: boolean): readonly string[] {
    let node = this.bases;
    for (const f of scheduleFlags) node = child(node, f);
    if (missing) node = child(node, 'phone_missing');
    if (malformed) node = child(node, 'phone_malformed');
    node.list ??= this.intern([...scheduleFlags, ...(missing ? ['phone_missing'] : []), ...(malformed ? ['phone_malformed'] : [])]);
    return node.list;
  }

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

  /** The number row `index` is indexed under, as `indexedPhone` gives it (its first well-formed number). */
  indexedPhoneOf(index: number): string | null {
    return each(this.rows[index]!.numbers)[0] ?? null;
  }

  /** Adds one accepted row; returns its ledger index. */
  add(c: PolicyCase, scheduleFlags: readonly string[]): number {
    const p = partiesOf(c);
    const agent = this.agentPhone(c.agent.phone);
    this.rows.push({
      policyNo: c.policyNo,
      holder: p.holder,
      insured: p.insured,
      numbers: p.numbers,
      base: this.baseList(scheduleFlags, p.missing, p.malformed),
      agentMatch: agent.ok && each(p.numbers).includes(agent.normalized) && !isAgentsOwnPolicy(c),
      shared: false,
    });
    this.note(this.rows.length - 1, p);
    return this.rows.length - 1;
  }

  private note(who: number | string, p: Parties): void {
    this.related.add(p);
    for (const n of each(p.numbers)) {
      const on = this.onNumber.get(n);
      if (on === undefined) this.onNumber.set(n, who);
      else if (Array.isArray(on)) (on as (number | string)[]).push(who);
      else this.onNumber.set(n, [on as number | string, who]);
    }
  }

  /**
   * Looks up the stored cases indexed under numbers of rows `from…` not looked up before: the numbers
   * of rows before `from`, each looked up with its own batch.
   */
  async loadStored(store: Store, from: number): Promise<void> {
    const fresh = new Set<string>();
    const askedBefore = (n: string) => each(this.onNumber.get(n)).some((who) => typeof who === 'number' && who < from);
    for (let i = from; i < this.rows.length; i++) for (const n of each(this.rows[i]!.numbers)) if (!askedBefore(n)) fresh.add(n);
    const list = [...fresh];
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
        if (this.stored.has(r.policy_no) || this.inFile.has(r.policy_no)) continue;
        const p = partiesOf(JSON.parse(r.data) as PolicyCase);
        const parties = { holder: p.holder, insured: p.insured, numbers: p.numbers };
        this.stored.set(r.policy_no, parties);
        this.note(r.policy_no, parties);
      }
    }
  }

  /**
   * Whether `n` is held by `threshold` or more unrelated policyholders: the file's rows on it and the
   * stored cases on it that the file has not re-read (a re-read case counts as the file's row, not twice).
   */
  private sharedUnder(n: string, related: Related): boolean {
    const roots = new Set<string>();
    for (const who of each(this.onNumber.get(n))) {
      if (typeof who === 'number') roots.add(related.find(this.rows[who]!.holder));
      else if (!this.inFile.has(who)) roots.add(related.find(this.stored.get(who)!.holder));
    }
    return roots.size >= this.threshold;
  }

  /** The red-flag codes of rows `from…` over the file as read so far, recorded as what they are stored with. */
  flagsFrom(from: number): (readonly string[])[] {
    const counted = new Map<string, boolean>();
    const isShared = (n: string) => {
      let v = counted.get(n);
      if (v === undefined) counted.set(n, (v = this.sharedUnder(n, this.related)));
      return v;
    };
    const out: (readonly string[])[] = [];
    for (let i = from; i < this.rows.length; i++) {
      const r = this.rows[i]!;
      r.shared = each(r.numbers).some(isShared);
      out.push(this.compose(r, r.shared));
    }
    return out;
  }

  /**
   * The whole file read: recomputes the shared-number rule exactly as over one batch (the file's
   * rows plus the stored cases it does not contain) and returns the rows whose flags differ from
   * what they were stored with, with their final flags.
   * It runs when the import holds the most (every row's parties and report line), so it counts the
   * holders of each number on the running number lists instead of building a set per number.
   */
  settle(): { index: number; policyNo: string; flags: readonly string[] }[] {
    const related = new Related();
    for (const r of this.rows) related.add(r);
    for (const [policyNo, p] of this.stored) if (!this.inFile.has(policyNo)) related.add(p);
    const out: { index: number; policyNo: string; flags: readonly string[] }[] = [];
    this.rows.forEach((r, index) => {
      const now = each(r.numbers).some((n) => this.sharedUnder(n, related));
      if (now !== r.shared) out.push({ index, policyNo: r.policyNo, flags: this.compose(r, now) });
    });
    return out;
  }

  /** The codes in the order the domain core reports them: own phone flags, shared number, agent's number. */
  private compose(r: LedgerRow, shared: boolean): readonly string[] {
    if (!shared && !r.agentMatch) return r.base;
    return this.intern([...r.base, ...(shared ? ['shared_number'] : []), ...(r.agentMatch ? ['agent_phone_match'] : [])]);
  }
}
