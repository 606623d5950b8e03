import type { LiveAgent } from '../../../shared/sync';

/**
 * Whether the board offers 监听 for an agent: a fresh state (not stale) in a connected or held
 * call, with the desk's SIP address published. The centre checks the same before it grants.
 */
export function canListen(agent: LiveAgent): boolean {
  const s = agent.state;
  if (!s || agent.stale || s.status !== 'in_call' || !s.sipUri) return false;
  return s.call?.phase === 'connected' || s.call?.phase === 'held';
}
