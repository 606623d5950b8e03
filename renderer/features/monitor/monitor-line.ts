import type { HuifangApi } from '../../../shared/ipc/client';
import { messages } from '../../i18n/messages';
import type { CompanionFactory, LineCompanion, SharedLine } from '../softphone/line-companion';
import { MonitorAnswerer } from './monitor-answerer';
import { monitorDesk } from './monitor-desk';
import { MonitorListener } from './monitor-listener';
import { softphoneSdhFactory } from './monitor-media';
import type { MonitorAction } from './monitor-state';
import type { MonitorMode } from '../../../shared/sync';
import { useCoachingStore } from './coaching-store';

/**
 * Listen-in on the desk's softphone line: the agent desk's answerer (mixes its call into a lead's
 * leg) and the lead desk's listener. Built by the softphone through the companion the app wires in.
 */
class MonitorLine implements LineCompanion {
  readonly sdhFactory = softphoneSdhFactory();
  private readonly answerer: MonitorAnswerer;
  private readonly listener: MonitorListener;

  constructor(host: HuifangApi, line: SharedLine, dispatch: (action: MonitorAction) => void) {
    const desk = monitorDesk(host);
    this.answerer = new MonitorAnswerer({
      verify: desk.verify,
      legEnded: desk.legEnded,
      speakerId: () => line.speakerId(),
      onCoaching: (coaching) => useCoachingStore.setState({ coaching }),
    });
    this.listener = new MonitorListener({
      userAgent: () => line.userAgent(),
      registered: () => line.registered(),
      ownCallBusy: () => line.ownCallBusy(),
      speakerId: () => line.speakerId(),
      requestGrant: desk.requestGrant,
      dispatch,
    });
  }

  routeInvite(invitation: Parameters<LineCompanion['routeInvite']>[0]): boolean {
    if (!MonitorAnswerer.isMonitorInvite(invitation)) return false;
    void this.answerer.answer(invitation);
    return true;
  }
  callEstablished(call: Parameters<LineCompanion['callEstablished']>[0]): void {
    this.answerer.callEstablished(call);
  }
  callEnded(callId: string): void {
    void this.answerer.callEnded(callId);
  }
  dialBlockedReason(): string | null {
    return this.listener.busy() ? messages.monitor.blockedDial : null;
  }
  async stop(): Promise<void> {
    await this.listener.stop();
    await this.answerer.endAll();
  }
  listen(staffNo: string, agentName: string): Promise<boolean> {
    return this.listener.listen(staffNo, agentName);
  }
  stopListening(): Promise<void> {
    return this.listener.stop();
  }
  switchMode(mode: MonitorMode): Promise<boolean> {
    return this.listener.switchMode(mode);
  }
}

let current: MonitorLine | null = null;

/** The companion the app gives the softphone; the last line built is the one listen-in uses. */
export function monitorCompanion(host: HuifangApi, dispatch: (action: MonitorAction) => void): CompanionFactory {
  return (line) => (current = new MonitorLine(host, line, dispatch));
}

/** The listen-in on the running softphone's line (null before the softphone starts). */
export function currentMonitorLine(): Pick<MonitorLine, 'listen' | 'stopListening' | 'switchMode'> | null {
  return current;
}
