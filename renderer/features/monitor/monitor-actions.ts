import { currentSoftphone, getSoftphone } from '../softphone/softphone-instance';
import { useMonitorStore } from './monitor-store';

/**
 * The board's listen-in commands, over the desk's one softphone (listening uses the lead's own
 * registration). `startListening` resolves true once audio flows; the outcome is in the monitor slice.
 */
export const monitorActions = {
  startListening(staffNo: string, agentName: string): Promise<boolean> {
    return getSoftphone().listen(staffNo, agentName);
  },
  stopListening(): Promise<void> {
    return currentSoftphone()?.stopListening() ?? Promise.resolve();
  },
  /** True while a listen is being requested, connected or is up. */
  active(): boolean {
    return useMonitorStore.getState().phase !== 'idle';
  },
};
