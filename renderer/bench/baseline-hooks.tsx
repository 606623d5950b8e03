import { useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { cacheDb } from '../data/huifang-db';

/** Resolves after the next frame is painted (rAF, then a task), with the time then. */
const nextPaint = () => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Same-run baselines for the queue, cache and wizard figures (bench/queue.bench.ts): the least
 * work the browser itself needs for the same result, timed in the same page at the same moment,
 * so that a loaded machine moves figure and baseline alike and their ratio stays readable.
 */
export const baselineHooks = {
  /** Median ms of a raw IndexedDB read of 60 queue rows in key order (no index, no Dexie, no decoding). */
  async rawFirstPage(runs = 30): Promise<number> {
    const idb = cacheDb().backendDB();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = idb.transaction('queue', 'readonly').objectStore('queue').getAll(null, 60);
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
      });
      times.push(performance.now() - t);
    }
    return median(times);
  },
  /** Median ms of a plain substring scan of every cached policy number (the search's floor: one pass, no hashing). */
  async plainScan(runs = 15): Promise<{ ms: number; rows: number }> {
    const keys = (await cacheDb().queue.toCollection().primaryKeys()).map(String);
    const texts = ['00012', '4242', '999', 'zz'];
    const times: number[] = [];
    let sink = 0;
    for (let i = 0; i < runs; i++) {
      const text = texts[i % texts.length];
      const t = performance.now();
      sink += keys.filter((k) => k.includes(text)).length;
      times.push(performance.now() - t);
    }
    if (sink < 0) throw new Error('unreachable');
    return { ms: median(times), rows: keys.length };
  },
  /** µs per case of AES-GCM over the same JSON as a sealed case, alone (the sealing floor), pages of 500. */
  async encryptOnly(cases: readonly unknown[]): Promise<number> {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    const enc = new TextEncoder();
    const t = performance.now();
    for (let start = 0; start < cases.length; start += 500) {
      await Promise.all(
        cases
          .slice(start, start + 500)
          .map((c) => crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, key, enc.encode(JSON.stringify(c)))),
      );
    }
    return ((performance.now() - t) * 1000) / cases.length;
  },
  /**
   * ms from a keydown to the next frame painted when the key only changes one line of text through
   * React state: the floor under `wizard.keypress_to_paint_ms` (same key timing, same paint wait).
   */
  async keyToPaint(samples = 14): Promise<number[]> {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = createRoot(host);
    let bump: () => void = () => undefined;
    function Line() {
      const [n, setN] = useState(0);
      bump = () => setN((x) => x + 1);
      return <p id="baseline-line">{n}</p>;
    }
    flushSync(() => root.render(<Line />));
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter') bump();
    };
    window.addEventListener('keydown', onKey);
    const out: number[] = [];
    try {
      for (let i = 0; i < samples; i++) {
        await nextPaint();
        await new Promise((r) => setTimeout(r, Math.random() * 16));
        const before = host.textContent;
        const t = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        if (host.textContent === before) {
          await new Promise<void>((resolve) => {
            const obs = new MutationObserver(() => {
              obs.disconnect();
              resolve();
            });
            obs.observe(host, { subtree: true, childList: true, characterData: true });
          });
        }
        out.push((await nextPaint()) - t);
      }
    } finally {
      window.removeEventListener('keydown', onKey);
      root.unmount();
      host.remove();
    }
    return out;
  },
};
