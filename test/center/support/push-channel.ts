import WebSocket from 'ws';
import { vi, expect } from 'vitest';
import { CHANNEL_PATH, type ChannelMessage } from '../../../shared/sync';

/** Opens a caller's push channel (README "Push channel") and collects its messages once `hello` has come. */
export async function pushChannel(url: string, token: string): Promise<{ messages: ChannelMessage[]; close(): void }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}${CHANNEL_PATH}`, { headers: { authorization: `Bearer ${token}` } });
  const messages: ChannelMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as ChannelMessage));
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  await vi.waitFor(() => expect(messages[0]?.type).toBe('hello'));
  return { messages, close: () => ws.close() };
}
