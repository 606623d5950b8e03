/**
 * Which lead barges into which agent's call (one at a time: two leads talking over the agent to
 * the customer is refused). A holding is tied to the call it was taken in (the live state's
 * `call.since`), so it lapses by itself when the agent's call ends and another begins. Several
 * centre processes on one PostgreSQL share one ledger (`SqlBargeLedger`); a single process keeps
 * it in memory (`BargeLedger`).
 */
export interface Barges {
  /** The lead barging into `agent`'s call `call`, or null (a holding from another call is dropped). */
  holder(agent: string, call: string): Promise<string | null>;
  /** `lead` barges into `agent`'s call `call`; false when another lead already does. */
  take(agent: string, lead: string, call: string): Promise<boolean>;
  /** `lead` stepped back to listen or whisper (or left): another lead may barge. */
  release(agent: string, lead: string): Promise<void>;
}

/** The ledger in this process's memory (a single centre process, e.g. on SQLite). */
export class BargeLedger implements Barges {
  private readonly holders = new Map<string, { readonly lead: string; readonly call: string }>();

  async holder(agent: string, call: string): Promise<string | null> {
    return this.holderNow(agent, call);
  }

  async take(agent: string, lead: string, call: string): Promise<boolean> {
    const current = this.holderNow(agent, call);
    if (current !== null && current !== lead) return false;
    this.holders.set(agent, { lead, call });
    return true;
  }

  async release(agent: string, lead: string): Promise<void> {
    if (this.holders.get(agent)?.lead === lead) this.holders.delete(agent);
  }

  private holderNow(agent: string, call: string): string | null {
    const h = this.holders.get(agent);
    if (!h) return null;
    if (h.call !== call) {
      this.holders.delete(agent);
      return null;
    }
    return h.lead;
  }
}
