import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { liveStateSchema } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import { toNum } from '../store/to-num';
import type { LiveEntry, LiveRegistry } from './live-registry';

/** A running relay. */
export interface LiveRelay {
  close(): Promise<void>;
}

/** What one process tells the others: a state (inline when it fits), or that one was cleared. */
interface LiveNotice {
  readonly origin: string;
  readonly staffNo: string;
  readonly entry?: LiveEntry;
  /** Set instead of `entry` for a state too large for a NOTIFY payload: read it from the table. */
  readonly inTable?: true;
  readonly clearedAt?: number;
}

/**
 * A shared row older than a shift belongs to a desk that stopped without signing out (a crash, a
 * pulled cable) and to no process alive: it is deleted when a process (re)connects instead of
 * putting a days-old 离线 agent back on the board. Within a shift such an agent shows as stale, as
 * on a single centre.
 */
const ROW_MAX_AGE_MS = 12 * 3600_000;

/** NOTIFY payloads are limited to 8000 bytes; a larger state is read from the table instead. */
const MAX_PAYLOAD = 7900;

/**
 * Shares the live board between centre processes on one PostgreSQL: each publication is written to
 * `live_states` (migration 0021; a newer row is never overwritten by an older one) and NOTIFYd on a
 * channel named after the schema, carrying the state itself so the other processes tell their
 * leads without a read. At start, and whenever the listening connection comes back, the table is
 * read into the registry — so a restarted process knows the agents connected to the others at once,
 * and its own desks republish within their heartbeat.
 */
export async function startPgLiveRelay(
  url: string,
  schema: string | undefined,
  db: Kysely<CenterDatabase>,
  live: LiveRegistry,
  log: (line: string) => void,
): Promise<LiveRelay> {
  const { default: pg } = await import('pg');
  const channel = `huifang_live_${schema ?? 'public'}`.slice(0, 63);
  const origin = randomUUID();
  const publisher = new pg.Pool({ connectionString: url, max: 2 });
  let listener: InstanceType<typeof pg.Client> | null = null;
  let closed = false;
  const warn = (what: string) => (err: unknown) => log(`live relay: ${what}: ${(err as Error).message}`);

  const readRow = async (staffNo?: string): Promise<void> => {
    let q = db.selectFrom('live_states').select(['staff_no', 'team', 'state', 'received_at']);
    if (staffNo !== undefined) q = q.where('staff_no', '=', staffNo);
    for (const row of await q.execute()) {
      const state = liveStateSchema.safeParse(JSON.parse(row.state));
      if (state.success) live.applyRemote(row.staff_no, { team: row.team, state: state.data, receivedAt: toNum(row.received_at) });
    }
  };

  const onNotice = (notice: LiveNotice): void => {
    if (notice.origin === origin || typeof notice.staffNo !== 'string') return;
    if (typeof notice.clearedAt === 'number') live.applyRemoteClear(notice.staffNo, notice.clearedAt);
    else if (notice.inTable) void readRow(notice.staffNo).catch(warn('read a large state'));
    else if (notice.entry) {
      const state = liveStateSchema.safeParse(notice.entry.state);
      if (state.success) live.applyRemote(notice.staffNo, { team: notice.entry.team, state: state.data, receivedAt: notice.entry.receivedAt });
    }
  };

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      try {
        onNotice(JSON.parse(msg.payload ?? '{}') as LiveNotice);
      } catch {
        // not ours; ignore
      }
    });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (!closed) setTimeout(() => void listen().catch(warn('listen again')), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    listener = client;
    // Listening first, then reading: a publication in between is heard, read, or both.
    await db
      .deleteFrom('live_states')
      .where('received_at', '<', live.now() - ROW_MAX_AGE_MS)
      .execute();
    await readRow();
  };
  await listen();

  const notify = (notice: LiveNotice) => publisher.query('select pg_notify($1, $2)', [channel, JSON.stringify(notice)]);
  live.setReplica({
    published(staffNo, entry) {
      const upsert = db
        .insertInto('live_states')
        .values({ staff_no: staffNo, team: entry.team, state: JSON.stringify(entry.state), received_at: entry.receivedAt })
        .onConflict((oc) =>
          oc
            .column('staff_no')
            .doUpdateSet({ team: entry.team, state: JSON.stringify(entry.state), received_at: entry.receivedAt })
            .where('live_states.received_at', '<=', entry.receivedAt),
        )
        .execute();
      const inline = JSON.stringify({ origin, staffNo, entry } satisfies LiveNotice);
      if (inline.length <= MAX_PAYLOAD) {
        // The notice carries the state: it need not wait for the row.
        publisher.query('select pg_notify($1, $2)', [channel, inline]).catch(warn('notify'));
        upsert.catch(warn('store a state'));
      } else {
        upsert.then(() => notify({ origin, staffNo, inTable: true })).catch(warn('store a large state'));
      }
    },
    cleared(staffNo, at) {
      db.deleteFrom('live_states')
        .where('staff_no', '=', staffNo)
        .where('received_at', '<=', at)
        .execute()
        .then(() => notify({ origin, staffNo, clearedAt: at }))
        .catch(warn('clear a state'));
    },
  });

  return {
    async close() {
      closed = true;
      live.setReplica(null);
      await listener?.end().catch(() => undefined);
      await publisher.end().catch(() => undefined);
    },
  };
}
