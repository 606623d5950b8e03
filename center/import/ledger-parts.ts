import { IntList } from './key-table';

/**
 * Union-find over person ids: a policyholder and the insured of their own policy are one party. A
 * person never joined to another is their own root (-1 in `parent`).
 */
export class Related {
  private readonly parent = new IntList();
  find(k: number): number {
    let root = k;
    while (root < this.parent.length && this.parent.get(root) >= 0) root = this.parent.get(root);
    for (let cur = k; cur !== root;) {
      const next = this.parent.get(cur);
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  add(holder: number, insured: number): void {
    if (insured < 0) return;
    this.parent.ensure(Math.max(holder, insured) + 1, -1);
    const a = this.find(holder);
    const b = this.find(insured);
    if (a !== b) this.parent.set(a, b);
  }
}

/** A level of `BaseLists`' tree: the codes after this one, and the list ending here. */
interface BaseNode {
  readonly next: Map<string, BaseNode>;
  index: number;
}

function child(node: BaseNode, code: string): BaseNode {
  let n = node.next.get(code);
  if (!n) node.next.set(code, (n = { next: new Map(), index: -1 }));
  return n;
}

/**
 * Flag lists are few and alike: one frozen array per distinct list, shared by the rows and the
 * report. A row's base list (schedule flags then its own phone flags) is found without building a
 * list or key per row: a tree of the lists met, one level per code; the ledger keeps its index.
 */
export class FlagLists {
  private readonly lists = new Map<string, readonly string[]>();
  private readonly bases: BaseNode = { next: new Map(), index: -1 };
  private readonly baseByIndex: (readonly string[])[] = [];

  intern(list: readonly string[]): readonly string[] {
    const key = list.join('|');
    let v = this.lists.get(key);
    if (!v) this.lists.set(key, (v = Object.freeze([...list])));
    return v;
  }

  baseIndex(scheduleFlags: readonly string[], missing: boolean, malformed: boolean): number {
    let node = this.bases;
    for (const f of scheduleFlags) node = child(node, f);
    if (missing) node = child(node, 'phone_missing');
    if (malformed) node = child(node, 'phone_malformed');
    if (node.index < 0) {
      node.index = this.baseByIndex.length;
      this.baseByIndex.push(this.intern([...scheduleFlags, ...(missing ? ['phone_missing'] : []), ...(malformed ? ['phone_malformed'] : [])]));
    }
    return node.index;
  }

  base(index: number): readonly string[] {
    return this.baseByIndex[index]!;
  }
}
