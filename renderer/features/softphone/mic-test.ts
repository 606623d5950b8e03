import { micConstraints } from '../../audio/audio-devices';
import { messages } from '../../i18n/messages';
import { MicLevelMeter, SILENCE_THRESHOLD } from './mic-level-meter';
import type { SoftphoneAction } from './softphone-state';

/**
 * Mic check before a call: opens microphone `micId` for `ms`, shows its level, and reports whether
 * anything was heard (false → a notice tells the agent to check the headset).
 */
export async function testMicrophone(micId: string, dispatch: (a: SoftphoneAction) => void, ms = 3000): Promise<boolean> {
  const notice = (level: 'info' | 'warning' | 'error', text: string) => dispatch({ type: 'notice', level, text, at: Date.now() });
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(micId), video: false });
  } catch {
    notice('error', messages.softphone.micUnavailable);
    return false;
  }
  let heard = false;
  const meter = new MicLevelMeter(
    (level, silent) => {
      if (level >= SILENCE_THRESHOLD) heard = true;
      dispatch({ type: 'micLevel', level, silent });
    },
    { windowMs: ms },
  );
  meter.attach(stream);
  await new Promise((r) => setTimeout(r, ms));
  meter.detach();
  stream.getTracks().forEach((t) => t.stop());
  dispatch({ type: 'micLevel', level: 0, silent: !heard });
  notice(heard ? 'info' : 'warning', heard ? messages.softphone.micOk : messages.softphone.micSilent);
  return heard;
}
