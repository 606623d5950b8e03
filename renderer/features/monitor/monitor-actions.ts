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
  stopListening(): Promise<void> {
    return currentMonitorLine()?.stopListening() ?? Promise.resolve();
  },
  /** True while a listen is being requested, connected or is up. */
  active(): boolean {
    return useMonitorStore.getState().phase !== 'idle';
  },
};
