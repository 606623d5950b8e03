import type { MonitorMode } from '../../../shared/sync';
import { messages } from '../../i18n/messages';
import { currentMonitorLine } from './monitor-line';
import { useMonitorStore } from './monitor-store';

/**
 * The board's listen-in commands, over the desk's one softphone line (listening uses the lead's own
 * registration). `startListening` resolves true once audio flows; the outcome is in the monitor slice.
 */
export const monitorActions = {
  startListening(staffNo: string, agentName: string): Promise<boolean> {
    const line = currentMonitorLine();
    // The softphone starts at sign-in; without it there is no registration to listen with.
    if (!line) {
      useMonitorStore.getState().dispatch({ type: 'refused', text: messages.monitor.notRegistered });
      return Promise.resolve(false);
    }
    return line.listen(staffNo, agentName);
  },
  /**
   * One keystroke of the board (L 监听 / W 耳语 / B 强插): switches the leg that is up to `mode`, or,
   * with none, starts listening to the agent and then switches. Resolves true once in `mode`.
   */
  async coach(staffNo: string, agentName: string, mode: MonitorMode): Promise<boolean> {
    const { phase } = useMonitorStore.getState();
    if (phase === 'listening') return monitorActions.switchMode(mode);
    if (phase !== 'idle') return false;
    const up = await monitorActions.startListening(staffNo, agentName);
    if (!up || mode === 'listen') return up;
    return monitorActions.switchMode(mode);
  },
  /** Switches the leg that is up to `mode`; false when none is up or the switch was refused. */
  switchMode(mode: MonitorMode): Promise<boolean> {
    return currentMonitorLine()?.switchMode(mode) ?? Promise.resolve(false);
  },
  stopListening(): Promise<void> {
    return currentMonitorLine()?.stopListening() ?? Promise.resolve();
  },
  /** True while a leg is up (a key switches its mode rather than starting another). */
  listening(): boolean {
    return useMonitorStore.getState().phase === 'listening';
  },
  /** True while a listen is being requested, connected or is up. */
  active(): boolean {
    return useMonitorStore.getState().phase !== 'idle';
  },
};
