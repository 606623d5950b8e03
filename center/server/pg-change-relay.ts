import { randomUUID } from 'node:crypto';
import type { ChangeNotifier } from './change-notifier';

/** A running relay. */
export interface ChangeRelay {
  close(): Promise<void>;
}

/**
 * Relays change notifications between centre processes sharing one PostgreSQL database with
 * LISTEN/NOTIFY, so a workstation connected to process A hears about a reassignment made through
 * process B. The channel name includes the schema, so test schemas do not hear each other.
 * If the listening connection drops, it is reopened; meanwhile workstations fall back to polling.
 */
export async function startPgChangeRelay(url: string, schema: string | undefined, notifier: ChangeNotifier): Promise<ChangeRelay> {
  const { default: pg } = await import('pg');
  const channel = `huifang_changes_${schema ?? 'public'}`.slice(0, 63);
  const origin = randomUUID();
  const publisher = new pg.Pool({ connectionString: url, max: 2 });
  let listener: InstanceType<typeof pg.Client> | null = null;
  let closed = false;

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      try {
        const payload = JSON.parse(msg.payload ?? '{}') as { origin?: string; staffNos?: string[] };
        if (payload.origin !== origin && Array.isArray(payload.staffNos)) notifier.deliver(payload.staffNos);
      } catch {
        // not ours; ignore
      }
    });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (!closed) setTimeout(() => void listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    listener = client;
  };
  await listen();

  notifier.setPublisher((staffNos) => {
    // NOTIFY payloads are limited to 8000 bytes: split long lists.
    for (let i = 0; i < staffNos.length; i += 300) {
      const payload = JSON.stringify({ origin, staffNos: staffNos.slice(i, i + 300) });
      publisher.query('select pg_notify($1, $2)', [channel, payload]).catch(() => undefined);
    }
  });

  return {
    async close() {
      closed = true;
      notifier.setPublisher(null);
      await listener?.end().catch(() => undefined);
      await publisher.end().catch(() => undefined);
    },
  };
}
