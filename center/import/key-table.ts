/** Growable array of 32-bit integers: a million entries take 4 MB, where a JS array of objects takes tens. */
export class IntList {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  /** Makes room for `n` entries, the new ones set to `fill`. */
  ensure(n: number, fill: number): void {
    if (n > this.data.length) this.grow(n);
    if (n > this.length) {
      this.data.fill(fill, this.length, n);
      this.length = n;
    }
  }
  private grow(min: number): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new Int32Array(cap);
    next.set(this.data);
    this.data = next;
  }
}

/**
 * Texts interned to dense ids (0, 1, 2…), held as bytes outside the object heap: an import keeps
 * a few keys per row of the file (policy numbers, persons, phone numbers) for its whole length,
 * and a string plus a `Map` entry cost over 100 bytes a key, most of it garbage-collected heap that
 * V8 lets grow severalfold between full collections. Exact: a hash only finds the candidates, each
 * compared character by character. Texts with a character beyond Latin-1 (rare in these keys) are
 * kept as strings in a `Map`.
 */
export class KeyTable {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Start of each id's bytes in `bytes` (-1: the text is in `wide`); its end is the next id's start. */
  private readonly starts = new IntList();
  private readonly ends = new IntList();
  private readonly hashes = new IntList();
  /** Open addressing: id + 1 per slot, 0 for empty; never more than half full. */
  private slots = new Int32Array(1 << 12);
  private readonly wide = new Map<string, number>();
  private readonly wideText: string[] = [];

  get size(): number {
    return this.starts.length;
  }

  /** The id of `key`, or -1 when it was never added. */
  find(key: string): number {
    return this.lookup(key, false);
  }

  /** The id of `key`, added when new. */
  add(key: string): number {
    return this.lookup(key, true);
  }

  /** The text of an id. */
  text(id: number): string {
    const start = this.starts.get(id);
    if (start < 0) return this.wideText[-start - 1]!;
    let s = '';
    for (let i = start, end = this.ends.get(id); i < end; i++) s += String.fromCharCode(this.bytes[i]!);
    return s;
  }

  private lookup(key: string, add: boolean): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c > 0xff) return this.lookupWide(key, add);
      h = Math.imul(h ^ c, 0x01000193);
    }
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at]!;
      if (slot === 0) break;
      const id = slot - 1;
      if (this.hashes.get(id) === h && this.equals(id, key)) return id;
    }
    if (!add) return -1;
    if (this.used + key.length > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.used + key.length));
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
    for (let i = 0; i < key.length; i++) this.bytes[this.used + i] = key.charCodeAt(i);
    const id = this.size;
    this.starts.push(this.used);
    this.used += key.length;
    this.ends.push(this.used);
    this.hashes.push(h);
    this.place(id);
    return id;
  }

  private lookupWide(key: string, add: boolean): number {
    const known = this.wide.get(key);
    if (known !== undefined || !add) return known ?? -1;
    const id = this.size;
    this.wideText.push(key);
    this.starts.push(-this.wideText.length);
    this.ends.push(0);
    this.hashes.push(0);
    this.wide.set(key, id);
    return id;
  }

  private equals(id: number, key: string): boolean {
    const start = this.starts.get(id);
    if (start < 0 || this.ends.get(id) - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.bytes[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private place(id: number): void {
    if ((this.size - this.wide.size) * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let i = 0; i < this.size; i++) if (this.starts.get(i) >= 0) this.insert(i);
    } else this.insert(id);
  }

  private insert(id: number): void {
    const mask = this.slots.length - 1;
    let at = this.hashes.get(id) & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    this.slots[at] = id + 1;
  }
}

/**
 * The first line of every policy number accepted so far (the import's duplicate check), as a
 * `KeyTable`: the whole file's numbers are held for the whole import.
 */
export class PolicyLines {
  private readonly keys = new KeyTable();
  private readonly lines = new IntList();
  has(policyNo: string): boolean {
    return this.keys.find(policyNo) >= 0;
  }
  get(policyNo: string): number | undefined {
    const id = this.keys.find(policyNo);
    return id < 0 ? undefined : this.lines.get(id);
  }
  set(policyNo: string, line: number): void {
    const id = this.keys.add(policyNo);
    if (id === this.lines.length) this.lines.push(line);
    else this.lines.set(id, line);
  }
}
