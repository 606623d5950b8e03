/** Strings per block: one flat string and a slice of the end offsets each. */
const BLOCK = 4096;

/**
 * The workbook's shared-strings table, held compactly: a list of 100 000 rows is mostly unique
 * names, IDs and phone numbers, and one JS string each (plus, for parser output, the parser's input
 * chunk a substring can keep alive) costs several times the characters. Here the strings are
 * joined into one flat string per block and found by offset.
 */
export class SharedStrings {
  private readonly blocks: string[] = [];
  private ends = new Uint32Array(BLOCK);
  private pending: string[] = [];
  private pendingLength = 0;
  private size = 0;

  add(text: string): void {
    if (this.size === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.pending.push(text);
    this.pendingLength += text.length;
    this.ends[this.size++] = this.pendingLength;
    if (this.pending.length === BLOCK) this.flush();
  }

  /** Call once every string is added. */
  finish(): void {
    if (this.pending.length > 0) this.flush();
  }

  get count(): number {
    return this.size;
  }

  /** The string at `index`, or `undefined` outside the table. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) return undefined;
    const block = this.blocks[Math.floor(index / BLOCK)];
    if (block === undefined) return undefined;
    const start = index % BLOCK === 0 ? 0 : this.ends[index - 1]!;
    return block.slice(start, this.ends[index]);
  }

  private flush(): void {
    // A one-string block would otherwise keep the parser's chunk alive through a sliced string.
    this.blocks.push(this.pending.length === 1 ? `${this.pending[0]}\u0000`.slice(0, -1) : this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}
