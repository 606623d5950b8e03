import type { SoftphoneConfig } from '../../../shared/ipc/channels/softphone';

/** A softphone account given to the web host at launch (tests, kiosk set-ups). */
export interface SoftphoneSeed {
  readonly config: SoftphoneConfig;
  readonly password?: string;
}

/**
 * Reads `HUIFANG_SIP_WS` (proxy URL) and `HUIFANG_SIP_URI`, `HUIFANG_SIP_USER`,
 * `HUIFANG_SIP_PASSWORD`, `HUIFANG_SIP_DISPLAY_NAME`, `HUIFANG_SIP_DIAL_PREFIX`,
 * `HUIFANG_SIP_RING_TIMEOUT_SEC`, `HUIFANG_SIP_ICE_GATHERING_MS`. Returns null when no proxy is given.
 */
export function softphoneSeedFromEnv(env: Record<string, string | undefined>): SoftphoneSeed | null {
  const wsUrl = env.HUIFANG_SIP_WS;
  const sipUri = env.HUIFANG_SIP_URI;
  if (!wsUrl || !sipUri) return null;
  const user = env.HUIFANG_SIP_USER ?? /^sips?:([^@]+)@/.exec(sipUri)?.[1] ?? '';
  return {
    config: {
      sipUri,
      authUser: user,
      displayName: env.HUIFANG_SIP_DISPLAY_NAME ?? '',
      callerId: env.HUIFANG_SIP_CALLER_ID ?? '',
      wsUrl,
      dialPrefix: env.HUIFANG_SIP_DIAL_PREFIX ?? '',
      ringTimeoutSec: Number(env.HUIFANG_SIP_RING_TIMEOUT_SEC ?? 45),
      iceServers: [],
      iceGatheringTimeoutMs: Number(env.HUIFANG_SIP_ICE_GATHERING_MS ?? 500),
    },
    password: env.HUIFANG_SIP_PASSWORD,
  };
}
