import type { IpcResult } from '../../../shared/ipc/ipc-error';
import { messages } from '../../i18n/messages';

type CentreAnswer<T> = { kind: 'ok'; value: T } | { kind: 'offline'; message: string } | { kind: 'refused'; code: string; message: string };

/** A `qa:*` answer as a screen shows it: the value, or one readable line saying why not. */
export type Asked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Awaits a `qa:*` call: unreachable, refused and a failed IPC call each become a message in Chinese. */
export async function ask<T>(call: Promise<IpcResult<CentreAnswer<T>>>): Promise<Asked<T>> {
  const t = messages.qaDesk;
  const r = await call;
  if (!r.ok) return { ok: false, message: t.refused(r.error.message) };
  const a = r.value;
  if (a.kind === 'ok') return { ok: true, value: a.value };
  return { ok: false, message: a.kind === 'offline' ? t.offline(a.message) : t.refused(a.message) };
}
