import { randomUUID } from 'node:crypto';
import type { WallboardTotals } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';
import { prepared, seedAssignedCases } from './support/seed';

const engines = await enginesUnderTest();

/** Reads server-sent events off a response body: `next()` answers the next event (name and parsed data); `next.stop()` hangs up. */
function eventReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<{ event: string; data: unknown }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) continue; // a keep-alive comment
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? '';
        return { event: field('event'), data: JSON.parse(field('data')) };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return Object.assign(next, { stop: () => reader.cancel() });
}

/** README "Management reports" → wallboard: the totals are pushed, not polled. */
describe.each(engines)('the pushed wallboard on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    center = await startTestCenter({ engine });
    await seedAssignedCases(center.context.store, [prepared('WB000001'), prepared('WB000002')]);
    for (const s of ['1001', '2001', '2101', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  const open = (token: string, query = '') =>
    fetch(`${center.url}/api/team/wallboard/stream${query}`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });

  it('sends the team’s totals at once and again after a result lands, one computation shared by every watcher of the team', async () => {
    const [a, b] = await Promise.all([open(tokens['2001']!), open(tokens['9001']!, '?team=A')]);
    expect([a.status, a.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const [nextA, nextB] = [eventReader(a), eventReader(b)];
    const first = await nextA();
    expect(first.event).toBe('totals');
    const before = first.data as WallboardTotals;
    expect(before).toEqual((await get(`${center.url}/api/team/wallboard`, tokens['2001'])).json.value);
    expect((await nextB()).data).toEqual(before);
    expect(center.context.wallboard.size).toBe(1);

    const item = {
      id: randomUUID(),
      kind: 'result',
      policyNo: 'WB000001',
      occurredAt: `${before.today}T09:05:00+08:00`,
      data: { classification: 'standard', kinds: [] },
    };
    expect((await post(`${center.url}/api/sync/push`, { items: [item] }, tokens['1001'])).json.value.acks[0].status).toBe('accepted');
    const after = await nextA();
    expect(after.event).toBe('totals');
    expect((after.data as WallboardTotals).doneToday).toBe(before.doneToday + 1);
    expect((await nextB()).data).toEqual(after.data);
    await nextA.stop();
    await nextB.stop();
  });

  it('refuses another team’s board and an agent, as the polled one does', async () => {
    const other = await open(tokens['2101']!, '?team=A');
    expect([other.status, ((await other.json()) as { error: { code: string } }).error.code]).toEqual([403, 'wrong_team']);
    expect((await open(tokens['1001']!)).status).toBe(403);
  });

  it('a watcher gone stops the board; closing the centre ends the streams still open', async () => {
    const end = Date.now() + 5000;
    while (center.context.wallboard.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(center.context.wallboard.size).toBe(0);
    const res = await open(tokens['2001']!);
    const next = eventReader(res);
    await next();
    center.context.wallboard.end();
    await expect(next()).rejects.toThrow('the stream ended');
  });
});
