import type { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { recordingChannels, recordingEvents } from './channels/recording';
import { centerChannels, centerEvents } from './channels/center';
import { centerAddressChannels } from './channels/center-address';
import { softphoneChannels, softphoneEvents } from './channels/softphone';
import { archiveChannels, archiveEvents } from './channels/archive';
import { exportChannels } from './channels/export';
import { qaChannels } from './channels/qa';
import { playbackChannels } from './channels/playback';

/**
 * The IPC contract: every channel and every main→renderer event, declared once.
 * Feature groups live in `./channels/*.ts` and are merged here; nothing else declares channels.
 * Types below are derived from the zod schemas, never written twice.
 */
export const channels = {
  ...appChannels,
  ...recordingChannels,
  ...centerChannels,
  ...centerAddressChannels,
  ...softphoneChannels,
  ...archiveChannels,
  ...exportChannels,
  ...qaChannels,
  ...playbackChannels,
} as const;

/** Every main→renderer event. */
export const events = {
  ...appEvents,
  ...recordingEvents,
  ...centerEvents,
  ...softphoneEvents,
  ...archiveEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;

/** Request payload type of a channel (input side of the schema). */
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
/** Response value type of a channel. */
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
/** Payload type of an event. */
export type EventPayloadOf<E extends EventName> = z.output<(typeof events)[E]['payload']>;

/** All channel names, for generators and fuzzers. */
export const channelNames = Object.keys(channels) as ChannelName[];

/** True when `name` is a declared channel. */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** True when `name` is a declared event. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
