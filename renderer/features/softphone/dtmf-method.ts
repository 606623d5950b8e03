/*
 * How keypad tones reach the far end. RFC 4733 events ride in the audio's RTP stream and must use
 * the audio codec's clock: offered Opus at 48 kHz but answered `telephone-event/8000` only (common
 * for gateways), Chromium sends malformed events (end packets only, all at once) and the far end
 * hears at most the first digit while the desk believes it sent them all. So RFC 4733 is used only
 * when the answer has a telephone-event at the clock of the codec actually in use; otherwise SIP INFO
 * (application/dtmf-relay), which every gateway we know of accepts and which is acknowledged.
 */

export type DtmfMethod = 'rfc4733' | 'info';

/** Chooses the method from the remote (answer) SDP of the call. */
export function dtmfMethodFor(remoteSdp: string | undefined | null): DtmfMethod {
  if (!remoteSdp) return 'info';
  const audio = audioSection(remoteSdp);
  if (!audio) return 'info';
  const rates = new Map<string, { codec: string; clock: number }>();
  for (const line of audio.lines) {
    const m = /^a=rtpmap:(\d+) ([^/\s]+)\/(\d+)/.exec(line);
    if (m) rates.set(m[1], { codec: m[2].toLowerCase(), clock: Number(m[3]) });
  }
  // The first payload type of the m-line that is not an event or comfort noise is the codec in use.
  const inUse = audio.payloads.map((pt) => rates.get(pt)).find((r) => r && !['telephone-event', 'cn', 'red'].includes(r.codec));
  if (!inUse) return 'info';
  const eventClocks = [...rates.values()].filter((r) => r.codec === 'telephone-event').map((r) => r.clock);
  return eventClocks.includes(inUse.clock) ? 'rfc4733' : 'info';
}

function audioSection(sdp: string): { payloads: string[]; lines: string[] } | null {
  const lines = sdp.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('m=audio '));
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('m='));
  const payloads = lines[start].split(' ').slice(3);
  return { payloads, lines: lines.slice(start + 1, end < 0 ? undefined : end) };
}
