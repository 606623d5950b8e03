import { describe, expect, it } from 'vitest';
import {
  customerReducer,
  replyDelayMs,
  ringCustomer,
  type CustomerEffect,
  type CustomerEvent,
  type CustomerState,
  type CustomerStep,
} from '../../../../renderer/features/training/customer-turns';
import { PERSONAS, type PersonaId } from '../../../../renderer/features/training/personas';
import type { TrainingCue } from '../../../../renderer/features/training/training-line';

// The simulated customer's turns as a pure reducer: the effects it asks for are the whole of its
// behaviour on the line (the driver only carries them out), so these tests pin the call as the
// trainee hears it.

const persona = (id: PersonaId) => PERSONAS.find((p) => p.id === id)!;

let seq = 0;
const cue = (stepId: string, phase: TrainingCue['phase'] = 'asking'): CustomerEvent => ({ type: 'cue', cue: { stepId, phase, seq: ++seq }, delayMs: 1000 });

/** Feeds events in order, collecting every effect. */
function play(start: CustomerStep, ...events: CustomerEvent[]): { state: CustomerState; effects: CustomerEffect[] } {
  let state = start.state;
  const effects = [...start.effects];
  for (const e of events) {
    const step = customerReducer(state, e);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const elapsed = (state: CustomerState): CustomerEvent => ({ type: 'elapsed', timer: state.timer });
const said = (effects: CustomerEffect[]) => effects.flatMap((e) => (e.kind === 'say' ? [e.line] : []));

/** Rings, answers and greets: the customer is listening. */
function answered(id: PersonaId): CustomerState {
  const rung = ringCustomer(persona(id), 1500, -1);
  const { state } = play(rung, elapsed(rung.state), { type: 'established' }, { type: 'speech_done' });
  return state;
}

/** Hears a cue, waits its pause, says its reply and finishes it. */
function reply(state: CustomerState, event: CustomerEvent): { state: CustomerState; effects: CustomerEffect[] } {
  const heard = customerReducer(state, event);
  return play(heard, elapsed(heard.state), { type: 'speech_done' });
}

describe('a simulated customer on the line (persona reducer)', () => {
  it('rings for a moment, answers, and says 喂，您好 once the call is up', () => {
    const rung = ringCustomer(persona('cooperative'), 1500, -1);
    expect(rung.effects).toEqual([{ kind: 'ring' }, { kind: 'wait', ms: 1500, timer: rung.state.timer }]);
    const answering = customerReducer(rung.state, elapsed(rung.state));
    expect(answering.state.phase).toBe('answering');
    expect(answering.effects).toEqual([{ kind: 'answer' }]);
    const up = customerReducer(answering.state, { type: 'established' });
    expect(up.effects).toEqual([{ kind: 'say', line: 'hello' }]);
    expect(customerReducer(up.state, { type: 'speech_done' }).state.phase).toBe('listening');
  });

  it('replies to each new prompt after its pause, with the line for that step', () => {
    let state = answered('cooperative');
    const heard = customerReducer(state, cue('identity'));
    expect(heard.state.phase).toBe('thinking');
    expect(heard.effects).toEqual([{ kind: 'wait', ms: 1000, timer: heard.state.timer }]);
    const all: CustomerEffect[] = [];
    for (const step of ['identity', 'greeting', 'consent', 'signature', 'receipt', 'contact', 'closing']) {
      const r = reply(state, cue(step));
      state = r.state;
      all.push(...r.effects);
    }
    expect(said(all)).toEqual(['its_me', 'mm', 'convenient', 'signed_myself', 'received', 'contact_ok', 'goodbye']);
    expect(state.phase).toBe('listening');
  });

  it('a prompt shown while the customer is still greeting is answered after the greeting, not over it', () => {
    const rung = ringCustomer(persona('cooperative'), 1500, -1);
    const { state, effects } = play(rung, elapsed(rung.state), { type: 'established' }, cue('identity'));
    expect(said(effects)).toEqual(['hello']);
    const done = customerReducer(state, { type: 'speech_done' });
    expect(done.state.phase).toBe('thinking');
    expect(done.effects).toEqual([{ kind: 'wait', ms: 1000, timer: done.state.timer }]);
    expect(said(play(done, elapsed(done.state)).effects)).toEqual(['its_me']);
  });

  it('a newer prompt replaces one not yet answered (the agent moved on), and the old pause is stale', () => {
    const state = answered('cooperative');
    const first = customerReducer(state, cue('identity'));
    const second = customerReducer(first.state, cue('consent'));
    expect(customerReducer(second.state, elapsed(first.state)).effects).toEqual([]);
    expect(said(play(second, elapsed(second.state)).effects)).toEqual(['convenient']);
  });

  it('the prompt already showing when the call came in (the previous call’s last one) and repeated prompts are not answered', () => {
    const rung = ringCustomer(persona('cooperative'), 1500, 41);
    const { state, effects } = play(
      rung,
      elapsed(rung.state),
      { type: 'established' },
      { type: 'speech_done' },
      {
        type: 'cue',
        cue: { stepId: 'closing', phase: 'asking', seq: 41 },
        delayMs: 1000,
      },
    );
    expect(state.phase).toBe('listening');
    expect(said(effects)).toEqual(['hello']);
  });

  it('thinks_deposit: 不清楚，我以为是存款 on insurance_nature, 哦，明白了 once it is explained (docs/domain.md §6 次标准件)', () => {
    let state = answered('thinks_deposit');
    const first = reply(state, cue('insurance_nature'));
    state = first.state;
    const explained = reply(state, cue('insurance_nature', 'explaining'));
    expect([...said(first.effects), ...said(explained.effects)]).toEqual(['thought_deposit', 'understood_now']);
    // Asked again later (the agent went back): still understood.
    expect(said(reply(explained.state, cue('insurance_nature')).effects)).toEqual(['understood_now']);
  });

  it('busy_callback asks for a callback on consent; denies_signing says an agent signed for it', () => {
    expect(said(reply(answered('busy_callback'), cue('consent')).effects)).toEqual(['busy_call_tomorrow']);
    expect(said(reply(answered('denies_signing'), cue('signature')).effects)).toEqual(['agent_signed']);
  });

  it('family_for_hard_of_hearing: the daughter answers on identity, then cooperatively about "him"', () => {
    let state = answered('family_for_hard_of_hearing');
    const lines: string[] = [];
    for (const step of ['identity', 'consent', 'signature']) {
      const r = reply(state, cue(step));
      state = r.state;
      lines.push(...said(r.effects));
    }
    expect(lines).toEqual(['family_answers', 'convenient', 'he_signed']);
  });

  it('hangs_up answers two regulatory questions, then says it has to go and sends BYE mid-script', () => {
    let state = answered('hangs_up');
    const effects: CustomerEffect[] = [];
    for (const step of ['identity', 'greeting', 'consent', 'insurance_nature', 'signature']) {
      const r = reply(state, cue(step));
      state = r.state;
      effects.push(...r.effects);
    }
    expect(said(effects)).toEqual(['its_me', 'mm', 'convenient', 'clear', 'signed_myself']);
    expect(effects.some((e) => e.kind === 'hang_up')).toBe(false);
    const last = reply(state, cue('receipt'));
    expect(last.effects.filter((e) => e.kind !== 'wait')).toEqual([{ kind: 'say', line: 'gotta_go' }, { kind: 'hang_up' }]);
    expect(last.state.phase).toBe('hung_up');
    expect(customerReducer(last.state, cue('product_description')).effects).toEqual([]);
  });

  it('the call ending while the customer speaks hushes it, and nothing follows', () => {
    const rung = ringCustomer(persona('cooperative'), 1500, -1);
    const { state } = play(rung, elapsed(rung.state), { type: 'established' });
    const ended = customerReducer(state, { type: 'call_ended' });
    expect(ended.effects).toEqual([{ kind: 'hush' }]);
    expect(ended.state.phase).toBe('ended');
    expect(play(ended, cue('identity'), { type: 'speech_done' }, elapsed(ended.state)).effects).toEqual([{ kind: 'hush' }]);
  });

  it('a call cancelled while ringing is never answered', () => {
    const rung = ringCustomer(persona('cooperative'), 1500, -1);
    const ended = customerReducer(rung.state, { type: 'call_ended' });
    expect(play(ended, elapsed(rung.state)).effects).toEqual([]);
  });

  it('replies after a human pause of 0.8–1.5 s, after the time it takes to read the prompt aloud', () => {
    expect(replyDelayMs({ phase: 'asking' }, 0)).toBe(800);
    expect(replyDelayMs({ phase: 'asking' }, 0.999)).toBeLessThanOrEqual(1500);
    // 27 characters at 4.5 a second: 6 s of reading first.
    expect(replyDelayMs({ phase: 'asking', text: 'x'.repeat(27) }, 0)).toBe(6800);
    // An explanation without its text: time to read one before the question is asked again.
    expect(replyDelayMs({ phase: 'explaining' }, 0)).toBeGreaterThan(5000);
  });
});
