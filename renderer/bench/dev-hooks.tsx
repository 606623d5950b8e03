import { createRoot } from 'react-dom/client';
import { makeCase } from '../../shared/domain/fixtures';
import { DEFAULT_SCRIPT } from '../../shared/domain/script/default-script';
import type { AssignedCase } from '../../shared/sync';
import { applyPullPage, prepareCases } from '../data/case-repo';
import { cacheDb, HuifangDb } from '../data/huifang-db';
import { windowCipher } from '../data/window-cipher';
import { fillNameTokens } from '../data/fill-name-tokens';
import { NAME_TOKENS_PENDING } from '../data/migrations';
import { nameTokens, searchToken } from '../data/name-tokens';
import { filterQueue, NO_FILTER } from '../features/queue/queue-filter';
import { readFirstPage, readWholeQueue } from '../data/queue-repo';
import { useQueueStore } from '../features/queue/queue-store';
import { QueueScreen } from '../features/queue/queue-screen';
import { WizardScreen } from '../features/wizard/wizard-screen';
import { useWizardStore } from '../features/wizard/wizard-store';
import { useSoftphoneStore } from '../features/softphone/softphone-store';
import { DEFAULT_DESK_CONFIG } from '../../shared/sync';
import { baselineHooks } from './baseline-hooks';

/** Resolves after the next frame is painted (rAF, then a task), with the time then. */
const nextPaint = () => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));

/**
 * Benchmark hooks (`window.__huifangDev`), loaded only by the bench build (`npm run
 * build:web:bench`, vite mode `bench`); production builds do not contain them. They seed the
 * cache with synthetic cases and time the queue, the cache and the wizard inside the page.
 */
export function installDevHooks(): void {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  /** A synthetic assigned case (clearly fake data: fixtures' 测试 names and 999999 ID area). */
  const synthetic = (i: number, today: number): AssignedCase => {
    const policyNo = `SYN${String(i).padStart(9, '0')}`;
    const deadline = new Date(today + ((i * 7919) % 30) * 86_400_000).toISOString().slice(0, 10);
    const data = makeCase({ policyNo, policyholder: { name: `测试客户${i}`, phones: [`139${String(i).padStart(8, '0')}`] } });
    return {
      policyNo,
      version: 1,
      status: 'assigned',
      kind: i % 20 === 0 ? 'verification' : i % 50 === 1 ? 'returned' : 'new',
      priority: 0,
      deadline,
      escalated: false,
      visitMode: 'phone',
      flags: i % 13 === 0 ? ['shared_number'] : i % 17 === 0 ? ['dialect'] : [],
      assignedAt: new Date(today).toISOString(),
      data: data as unknown as Record<string, unknown>,
    };
  };

  const api = {
    ...baselineHooks,
    /** µs per case of AES-GCM alone over the same synthetic cases `sealCost` seals (its baseline). */
    sealBaseline(n: number): Promise<number> {
      const today = Date.now();
      return baselineHooks.encryptOnly(Array.from({ length: n }, (_, i) => synthetic(i, today).data));
    },
    /** `performance.now()` when the softphone's store next reaches call phase `phase` (before any paint). */
    softphonePhaseAt(phase: string): Promise<number> {
      return new Promise((resolve) => {
        const off = useSoftphoneStore.subscribe((s) => {
          if (s.call.phase !== phase) return;
          off();
          resolve(performance.now());
        });
      });
    },
    /** Seeds `n` synthetic cases into the cache (replacing cases and queue). Returns ms. */
    async seed(n: number): Promise<number> {
      const db = cacheDb();
      await db.cases.clear();
      await db.queue.clear();
      const t = performance.now();
      const today = Date.now();
      for (let start = 0; start < n; start += 2000) {
        const upserts = Array.from({ length: Math.min(2000, n - start) }, (_, k) => synthetic(start + k, today));
        await applyPullPage(db, { cursor: 'c1-0', hasMore: false, snapshot: false, upserts, drops: [] });
      }
      return performance.now() - t;
    },
    /**
     * µs per case to seal a pull of `n` synthetic cases (data sealed, masked name, name key and
     * name tokens worked out), in pull pages of 500 as the sync engine stores them; no IndexedDB
     * work. `tokens`: of that, µs per case for the name tokens alone (same pages, one memo each).
     */
    async sealCost(n: number): Promise<{ total: number; tokens: number }> {
      const cipher = await windowCipher();
      const today = Date.now();
      let spent = 0;
      let tokens = 0;
      for (let start = 0; start < n; start += 500) {
        const page = Array.from({ length: Math.min(500, n - start) }, (_, k) => synthetic(start + k, today));
        let t = performance.now();
        await prepareCases(cipher, page);
        spent += performance.now() - t;
        const memo = new Map<string, Promise<string>>();
        t = performance.now();
        await Promise.all(page.map((c) => nameTokens(cipher, (c.data as { policyholder: { name: string } }).policyholder.name, memo)));
        tokens += performance.now() - t;
      }
      return { total: (spent * 1000) / n, tokens: (tokens * 1000) / n };
    },
    async queueCount(): Promise<number> {
      return cacheDb().queue.count();
    },
    /** Median ms of the ordered first-page query the queue paints from. */
    async orderedQuery(runs = 30): Promise<{ firstPage: number; whole: number }> {
      const db = cacheDb();
      const first: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await readFirstPage(db);
        first.push(performance.now() - t);
      }
      const whole: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await readWholeQueue(db);
        whole.push(performance.now() - t);
      }
      return { firstPage: median(first), whole: median(whole) };
    },
    /**
     * Median ms of one queue search over the whole cached queue (rows already in memory, as the
     * screen holds them): the text's name key and token hashed, then every row filtered. Texts mix
     * a policy-number middle, a surname (one character the masked name shows), a part of a name,
     * a full name and a miss.
     */
    async searchCost(runs = 15): Promise<{ ms: number; hits: number[] }> {
      const rows = await readWholeQueue(cacheDb());
      const cipher = await windowCipher();
      const texts = ['00012', '测', '客户12', '测试客户4242', 'zz'];
      const times: number[] = [];
      const hits: number[] = [];
      for (let i = 0; i < runs; i++) {
        const text = texts[i % texts.length];
        const t = performance.now();
        const [key, token] = await Promise.all([cipher.nameKey(text), searchToken(cipher, text)]);
        const shown = filterQueue(rows, { ...NO_FILTER, search: text }, { key, token });
        times.push(performance.now() - t);
        if (i < texts.length) hits.push(shown.length);
      }
      return { ms: median(times), hits };
    },
    /**
     * ms of the one-off v5 name-token fill over the whole cache: every case and queue row stripped
     * of its tokens first (as a v4 cache holds them), then `fillNameTokens` timed (opens every
     * case, hashes the name parts, writes back in chunks). Returns the ms and the rows filled.
     */
    async fillCost(): Promise<{ ms: number; filled: number }> {
      const db = cacheDb();
      await db.transaction('rw', [db.cases, db.queue, db.settings], async () => {
        await db.cases.toCollection().modify((c: { summary: { nameTokens?: string } }) => {
          delete c.summary.nameTokens;
        });
        await db.queue.toCollection().modify((r: { nameTokens?: string }) => {
          delete r.nameTokens;
        });
        await db.settings.put({ key: NAME_TOKENS_PENDING, value: true });
      });
      const cipher = await windowCipher();
      const t = performance.now();
      const filled = await fillNameTokens(db, cipher);
      return { ms: performance.now() - t, filled };
    },
    /** Mounts the queue screen over the cache; ms from mount to the first rows painted. */
    async queueFirstPaint(): Promise<number> {
      return paintQueue(cacheDb(), '[role="option"]');
    },
    /** The baseline of the first paint: the same screen over an empty cache, in the same page (ms). */
    async queueEmptyPaint(): Promise<number> {
      const empty = new HuifangDb(`bench-empty-${Date.now()}`);
      await empty.open();
      // Warmed like the seeded cache (already read many times by then): a first IndexedDB access is not the screen's cost.
      await empty.queue.count();
      try {
        return await paintQueue(empty, '.queue-empty');
      } finally {
        empty.close();
        await HuifangDb.delete(empty.name);
      }
    },
    /** Bulk load of `n` queue rows: Dexie bulkPut vs raw IndexedDB puts in one transaction (ms each). */
    async dexieVsIdb(n: number): Promise<{ dexie: number; idb: number }> {
      const rows = (await cacheDb().queue.limit(n).toArray()).map((r) => ({ ...r }));
      const dexieDb = new HuifangDb(`bench-dexie-${Date.now()}`);
      await dexieDb.open();
      let t = performance.now();
      await dexieDb.queue.bulkPut(rows);
      const dexie = performance.now() - t;
      dexieDb.close();
      await HuifangDb.delete(dexieDb.name);
      const name = `bench-idb-${Date.now()}`;
      const raw = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name, 1);
        req.onupgradeneeded = () => {
          const s = req.result.createObjectStore('queue', { keyPath: 'policyNo' });
          s.createIndex('rank', 'rank');
          s.createIndex('kind', 'kind');
          s.createIndex('badges', 'badges', { multiEntry: true });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      t = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = raw.transaction('queue', 'readwrite');
        const store = tx.objectStore('queue');
        for (const r of rows) store.put(r);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const idb = performance.now() - t;
      raw.close();
      indexedDB.deleteDatabase(name);
      return { dexie, idb };
    },
    /**
     * Mounts the wizard; per answer, ms from the Enter keydown to the next question painted
     * (`paint`) and to the DOM holding it (`commit`). Keys are pressed at a random point of the
     * frame, as a person's are (a keypress right after a frame would always wait a whole frame).
     */
    async wizardKeypress(samples = 12): Promise<{ paint: number[]; commit: number[] }> {
      const host = document.createElement('div');
      document.body.appendChild(host);
      const root = createRoot(host);
      useWizardStore.getState().begin(DEFAULT_SCRIPT, makeCase({ product: { design: 'universal' } }), null);
      root.render(<WizardScreen context={{ companyName: DEFAULT_DESK_CONFIG.companyName, staffNo: '1001' }} onDone={() => undefined} />);
      // Wait for the mount and its effects (the key listener) before the first key.
      while (!host.querySelector('#current-question')) await nextPaint();
      await new Promise((r) => setTimeout(r, 100));
      const key = (k: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      const out: number[] = [];
      const commits: number[] = [];
      for (let i = 0; i < samples; i++) {
        const s = useWizardStore.getState().script;
        if (!s || (s.phase !== 'asking' && s.phase !== 'explaining')) break;
        const before = host.querySelector('#current-question')?.textContent;
        const isQuestion = s.steps[s.index].kind === 'question';
        if (isQuestion) key('1');
        await nextPaint();
        await new Promise((r) => setTimeout(r, Math.random() * 16));
        const t = performance.now();
        key('Enter');
        commits.push(performance.now() - t);
        if (host.querySelector('#current-question')?.textContent === before) {
          await new Promise<void>((resolve, reject) => {
            const obs = new MutationObserver(() => {
              if (host.querySelector('#current-question')?.textContent !== before) {
                obs.disconnect();
                resolve();
              }
            });
            obs.observe(host, { subtree: true, childList: true, characterData: true });
            setTimeout(() => {
              obs.disconnect();
              const st = useWizardStore.getState();
              reject(new Error(`wizard did not advance: phase=${st.script?.phase} index=${st.script?.index} hint=${st.hint}`));
            }, 2000);
          });
        }
        out.push((await nextPaint()) - t);
      }
      root.unmount();
      host.remove();
      useWizardStore.getState().reset();
      return { paint: out, commit: commits };
    },
  };
  (window as unknown as { __huifangDev: typeof api }).__huifangDev = api;
}

/** Mounts the queue screen over `db` and answers the ms until `selector` is painted (then unmounts). */
async function paintQueue(db: HuifangDb, selector: string): Promise<number> {
  useQueueStore.getState().reset();
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  const t = performance.now();
  root.render(<QueueScreen onOpen={() => undefined} />);
  void useQueueStore.getState().load(db);
  await new Promise<void>((resolve) => {
    const check = () => (host.querySelector(selector) ? resolve() : requestAnimationFrame(check));
    check();
  });
  const painted = (await nextPaint()) - t;
  // Let the background read of the whole queue finish so runs do not overlap.
  while (useQueueStore.getState().loaded !== 'all') await new Promise((r) => setTimeout(r, 20));
  root.unmount();
  host.remove();
  return painted;
}
