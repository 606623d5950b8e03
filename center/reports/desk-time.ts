/**
 * Time per desk status from the session events desks push (sign_in, break_start, break_end,
 * sign_out, heartbeat). States and transitions:
 *
 *   signed_out ──sign_in──▶ working ──break_start──▶ on_break
 *        ▲                  │   ▲                       │
 *        └────sign_out──────┘   └──────break_end────────┘   (sign_out from on_break too)
 *
 * Time between two events counts toward the state held between them; a heartbeat changes nothing
 * but carries the clock, so a desk that vanished without signing out is counted up to its last
 * heartbeat, never beyond.
 */
export type DeskState = 'signed_out' | 'working' | 'on_break';
export type SessionEvent = 'sign_in' | 'sign_out' | 'break_start' | 'break_end' | 'heartbeat';

export function nextDeskState(state: DeskState, event: SessionEvent): DeskState {
  switch (event) {
    case 'sign_in':
    case 'break_end':
      return 'working';
    case 'sign_out':
      return 'signed_out';
    case 'break_start':
      return state === 'signed_out' ? 'signed_out' : 'on_break';
    case 'heartbeat':
      return state;
  }
}

/** Seconds spent working and on break, over one agent's events in time order. */
export function deskTime(events: readonly { at: number; event: SessionEvent }[]): { workingSec: number; breakSec: number } {
  let state: DeskState = 'signed_out';
  let last = 0;
  const spent = { working: 0, on_break: 0 };
  for (const e of events) {
    if (state !== 'signed_out') spent[state] += Math.max(0, e.at - last);
    state = nextDeskState(state, e.event);
    last = e.at;
  }
  return { workingSec: Math.round(spent.working / 1000), breakSec: Math.round(spent.on_break / 1000) };
}
