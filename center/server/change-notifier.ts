/**
 * Fan-out of "this agent's feed changed", fed after each committing transaction and read by the
 * push channel. Within one process it calls the subscribers directly; with several centre
 * processes on one PostgreSQL a relay (`pg-change-relay.ts`) publishes each notification to the
 * others and `deliver`s theirs here. Workstations still converge through polling if a
 * notification is lost.
 */
export class ChangeNotifier {
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly anyListeners = new Set<() => void>();
  private publisher: ((staffNos: string[]) => void) | null = null;

  /** Subscribes to every agent's changes (the wallboard: any change may move a team's totals). */
  subscribeAny(fn: () => void): () => void {
    this.anyListeners.add(fn);
    return () => this.anyListeners.delete(fn);
  }

  /** Subscribes to one agent's changes; returns the unsubscribe function. */
  subscribe(staffNo: string, fn: () => void): () => void {
    let set = this.listeners.get(staffNo);
    if (!set) this.listeners.set(staffNo, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(staffNo);
    };
  }

  /** Tells every subscriber of these agents, here and (through the publisher) in other processes. */
  notify(staffNos: Iterable<string>): void {
    const unique = [...new Set(staffNos)];
    if (unique.length === 0) return;
    this.deliver(unique);
    this.publisher?.(unique);
  }

  /** Tells local subscribers only (used by a relay for notifications from other processes). */
  deliver(staffNos: Iterable<string>): void {
    for (const no of new Set(staffNos)) for (const fn of this.listeners.get(no) ?? []) fn();
    for (const fn of this.anyListeners) fn();
  }

  /** Sets where notifications are published for other processes (`null` to stop). */
  setPublisher(publish: ((staffNos: string[]) => void) | null): void {
    this.publisher = publish;
  }

  /** Number of live subscriptions (for tests and health). */
  get size(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
}
