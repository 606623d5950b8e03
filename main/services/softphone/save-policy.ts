import type { SoftphoneConfig } from '../../../shared/ipc/channels/softphone';

/** Settings only an administrator changes: where calls go and what the customer sees (caller ID is regulated). */
const ADMIN_FIELDS: readonly (keyof SoftphoneConfig)[] = ['wsUrl', 'callerId', 'dialPrefix', 'ringTimeoutSec', 'iceServers', 'iceGatheringTimeoutMs'];

const FIELD_NAMES: Record<string, string> = {
  wsUrl: '代理服务器地址',
  callerId: '外显号码',
  dialPrefix: '外线前缀',
  ringTimeoutSec: '振铃超时',
  iceServers: 'ICE 服务器',
  iceGatheringTimeoutMs: 'ICE 收集时限',
};

/**
 * Who may save which softphone settings: nobody signed out; an administrator everything; anyone
 * else only their own account (SIP address, digest user, display name, password) on a desk an
 * administrator has already set up. Returns the zh-CN refusal, or null when the save may go ahead.
 */
export function softphoneSaveRefusal(role: string | null, stored: SoftphoneConfig | null, incoming: SoftphoneConfig): string | null {
  if (role === null) return '请先登录，再修改软电话设置。';
  if (role === 'admin') return null;
  if (stored === null) return '本机尚未由管理员设置代理服务器，请联系管理员。';
  const changed = ADMIN_FIELDS.filter((f) => JSON.stringify(stored[f]) !== JSON.stringify(incoming[f]));
  if (changed.length > 0) return `只有管理员可以修改：${changed.map((f) => FIELD_NAMES[f]).join('、')}。`;
  return null;
}
