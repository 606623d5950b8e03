import type { z } from 'zod';

/**
 * A request/response channel: the renderer invokes it, the main process answers.
 * Names follow `'domain:verb'`.
 */
export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  /** One sentence a reviewer can read: what the channel does. */
  readonly doc: string;
}

/** A main→renderer event: the main process emits it, renderers subscribe. */
export interface EventSpec<Payload extends z.ZodType = z.ZodType> {
  readonly payload: Payload;
  readonly doc: string;
}

/** Declares a channel; keeps the literal schema types for inference. */
export function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res, doc: string): ChannelSpec<Req, Res> {
  return { request, response, doc };
}

/** Declares a main→renderer event. */
export function event<Payload extends z.ZodType>(payload: Payload, doc: string): EventSpec<Payload> {
  return { payload, doc };
}
