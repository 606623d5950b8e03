import { create } from 'zustand';
import type { CustomerSaid } from './training-line';

/** How many of the simulated customer's last lines stay on screen. */
const KEEP = 4;

interface CaptionState {
  readonly said: readonly CustomerSaid[];
  add(said: CustomerSaid): void;
  clear(): void;
}

/**
 * What the simulated customers said lately, as captions beside the softphone: the clips are
 * synthetic speech, and a trainee must not fail a step because espeak's Mandarin was unclear.
 */
export const useCaptionStore = create<CaptionState>((set) => ({
  said: [],
  add: (said) => set((s) => ({ said: [...s.said, said].slice(-KEEP) })),
  clear: () => set({ said: [] }),
}));
