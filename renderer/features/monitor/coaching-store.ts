import { create } from 'zustand';
import type { Coaching } from './monitor-answerer';

/** The agent's side of coaching: who whispers or barges into the agent's call now (null: nobody). */
export const useCoachingStore = create<{ coaching: Coaching }>()(() => ({ coaching: null }));
