import { Core } from 'sip.js';
import { personaByPhone, type Persona, type PersonaId } from './personas';
import { optionsAccepted, refused, registerAccepted } from './switchboard-replies';
import type { WireLink } from './training-wire';

/** A call the switchboard put through to a simulated customer. */
export interface CustomerCallHandle {
  /** Ends the customer's side at once (the line is being stopped). */
  stop(): Promise<void>;
}

/** Puts a call through to a persona: the customer plugs its own transport in with `plug`. */
export type AnswerCall = (
  persona: Persona,
  target: { readonly user: string; readonly host: string },
  plug: (receive: (message: string) => void) => WireLink,
) => CustomerCallHandle;

interface Leg {
  readonly desk: Desk;
  /** The customer's end, once plugged in; messages wait in `inbox` until then. */
  customer: ((message: string) => void) | null;
  readonly inbox: string[];
  handle: CustomerCallHandle | null;
}

interface Desk {
  receive: ((message: string) => void) | null;
}

const logger = (() => {
  const factory = new Core.LoggerFactory();
  factory.level = Core.Levels.error;
  return factory.getLogger('huifang.training');
})();

/** Asynchronous like a socket, so neither sip.js stack ever re-enters itself. */
function later(deliver: (message: string) => void, message: string): void {
  setTimeout(() => deliver(message), 0);
}

/**
 * The far end of the training line: a registrar for the desk, and a switch that puts each INVITE
 * through to the simulated customer its Request-URI names (one sip.js user agent per call, made
 * with that very user part: sip.js's UserAgentCore answers 404 to a Request-URI that is not its
 * own). Everything else of a call (ACK, CANCEL, BYE, re-INVITE, INFO and all replies) follows the
 * call by its Call-ID. A number no persona has gets 404 (空号); a request for a call that is over, 481.
 */
export class Switchboard {
  private readonly legs = new Map<string, Leg>();
  private last: PersonaId | null = null;
  private stopped = false;

  constructor(private readonly answer: AnswerCall) {}

  /** Plugs a desk transport in. */
  plugDesk(receive: (message: string) => void): WireLink {
    const desk: Desk = { receive };
    return {
      send: (message) => this.fromDesk(desk, message),
      unplug: () => void (desk.receive = null),
    };
  }

  /** The persona the latest call reached, or null. */
  lastPersona(): PersonaId | null {
    return this.last;
  }

  /** Ends every call in progress and refuses new ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    const handles = [...this.legs.values()].map((l) => l.handle).filter((h): h is CustomerCallHandle => h !== null);
    await Promise.all(handles.map((h) => h.stop().catch(() => undefined)));
    this.legs.clear();
  }

  private toDesk(desk: Desk, message: string): void {
    later((m) => desk.receive?.(m), message);
  }

  private fromDesk(desk: Desk, message: string): void {
    const parsed = Core.Parser.parseMessage(message, logger);
    if (!parsed) return;
    const leg = this.legs.get(parsed.callId);
    if (leg) {
      if (leg.customer) later(leg.customer, message);
      else leg.inbox.push(message);
      return;
    }
    if (!(parsed instanceof Core.IncomingRequestMessage)) return;
    switch (parsed.method) {
      case 'REGISTER':
        return this.toDesk(desk, registerAccepted(parsed));
      case 'OPTIONS':
        return this.toDesk(desk, parsed.toTag ? refused(parsed, 481) : optionsAccepted(parsed));
      case 'ACK':
        return;
      case 'INVITE':
        if (!parsed.toTag) return this.route(desk, parsed, message);
        return this.toDesk(desk, refused(parsed, 481));
      default:
        return this.toDesk(desk, refused(parsed, 481));
    }
  }

  /** A new call: to the persona the dialled number reaches, else 404. */
  private route(desk: Desk, invite: Core.IncomingRequestMessage, message: string): void {
    const user = invite.ruri?.user ?? '';
    const persona = this.stopped ? null : personaByPhone(user);
    if (!persona) return this.toDesk(desk, refused(invite, 404));
    this.last = persona.id;
    const callId = invite.callId;
    const leg: Leg = { desk, customer: null, inbox: [message], handle: null };
    this.legs.set(callId, leg);
    const plug = (receive: (message: string) => void): WireLink => {
      leg.customer = receive;
      for (const waiting of leg.inbox.splice(0)) later(receive, waiting);
      return {
        send: (out) => this.toDesk(leg.desk, out),
        unplug: () => {
          leg.customer = null;
          if (this.legs.get(callId) === leg) this.legs.delete(callId);
        },
      };
    };
    leg.handle = this.answer(persona, { user, host: invite.ruri?.host ?? 'training.invalid' }, plug);
  }
}
