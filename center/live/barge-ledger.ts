/**
 * Which lead barges into which agent's call (one at a time: two leads talking over the agent to
 * the customer is refused). A holding is tied to the call it was taken in (the live state's
 * `call.since`), so it lapses by itself when the agent's call ends and another begins. Memory of
 * this process only, like the live registry it reads.
 */
export class BargeLedger {
  private readonly holders = new Map<string, { readonly lead: string; readonly call: string }>();

  /** The lead barging into `agent`'s call `call`, or null (a holding from another call is dropped). */
  holder(agent: string, call: string): string | null {
    const h = this.holders.get(agent);
    if (!h) return null;
    if (h.call !== call) {
      this.holders.delete(agent);
      return null;
    }
    return h.lead;
  }

  /** `lead` barges into `agent`'s call `call`; false when another lead already does. */
  take(agent: string, lead: string, call: string): boolean {
    const current = this.holder(agent, call);
    if (current !== null && current !== lead) return false;
    this.holders.set(agent, { lead, call });
    return true;
  }

  /** `lead` stepped back to listen or whisper (or left): another lead may barge. */
  release(agent: string, lead: string): void {
    if (this.holders.get(agent)?.lead === lead) this.holders.delete(agent);
  }
}
