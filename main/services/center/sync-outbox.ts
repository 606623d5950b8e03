import type { PushAck, PushItem } from '../../../shared/sync';
import type { CenterClient } from './center-client';
import { isRetryable, type ClientError } from './client-error';

/** Where unacknowledged items live between app runs (IndexedDB, a file…); in memory by default. */
export interface OutboxStorage {
  load(): PushItem[];
  save(items: readonly PushItem[]): void;
}

/** Outcome of one flush. */
export interface FlushOutcome {
  readonly acked: PushAck[];
  /** Items the centre will never take (shown to the agent, removed from the outbox). */
  readonly rejected: PushAck[];
  /** Set when the flush stopped on an error; the items stay queued. */
  readonly error?: ClientError;
}

/**
 * The workstation's outbox: every fact gets its client id when it happens and stays here until
 * the centre acknowledges it (`accepted` or `duplicate`) or rejects it for good. Re-sending after
 * a timeout, a crash or a centre restart uses the same ids, which is what makes delivery exactly
 * once end to end.
 */
export class SyncOutbox {
  private items: PushItem[];

  constructor(
    private readonly storage: OutboxStorage = memoryStorage(),
    private readonly batchSize = 50,
  ) {
    this.items = storage.load();
  }

  /** Queues an item (persisted before returning). */
  add(item: PushItem): void {
    this.items.push(item);
    this.storage.save(this.items);
  }

  /** Items not yet acknowledged. */
  pending(): readonly PushItem[] {
    return this.items;
  }

  /** Pushes queued items in batches until empty or an error stops it. */
  async flush(client: CenterClient): Promise<FlushOutcome> {
    const acked: PushAck[] = [];
    const rejected: PushAck[] = [];
    while (this.items.length > 0) {
      const batch = this.items.slice(0, this.batchSize);
      const res = await client.push(batch);
      if (!res.ok) return { acked, rejected, error: res.error };
      const done = new Set<string>();
      for (const ack of res.value.acks) {
        done.add(ack.id);
        (ack.status === 'rejected' ? rejected : acked).push(ack);
      }
      this.items = this.items.filter((i) => !done.has(i.id));
      this.storage.save(this.items);
    }
    return { acked, rejected };
  }

  /** Flushes, retrying retryable failures with backoff up to `attempts` times. */
  async flushWithRetry(client: CenterClient, attempts = 5, delayMs = 200): Promise<FlushOutcome> {
    let last: FlushOutcome = { acked: [], rejected: [] };
    const acked: PushAck[] = [];
    const rejected: PushAck[] = [];
    for (let i = 0; i < attempts; i++) {
      last = await this.flush(client);
      acked.push(...last.acked);
      rejected.push(...last.rejected);
      if (!last.error || !isRetryable(last.error)) break;
      await new Promise((r) => setTimeout(r, delayMs * 2 ** i));
    }
    return { acked, rejected, ...(last.error ? { error: last.error } : {}) };
  }
}

function memoryStorage(): OutboxStorage {
  let saved: PushItem[] = [];
  return { load: () => [...saved], save: (items) => (saved = [...items]) };
}
