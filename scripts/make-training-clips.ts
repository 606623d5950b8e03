// Makes the simulated customers' speech clips of the training line (renderer/features/training/
// clips/<voice>-<line>.opus): every line each persona can say, in that persona's voice, spoken by
// espeak-ng's Mandarin voice and encoded by ffmpeg as small mono Ogg Opus. The transcripts are the
// captions of the message catalogue (renderer/i18n/training.ts), so a caption always says what its
// clip says. The clips are committed: installing the desk needs neither tool.
// Run: npx tsx scripts/make-training-clips.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linesOf } from '../renderer/features/training/persona-replies';
import { PERSONAS, type LineId, type Voice } from '../renderer/features/training/personas';
import { trainingMessages } from '../renderer/i18n/training';

const OUT = 'renderer/features/training/clips';

/** espeak-ng's Mandarin voice with a female-ish and a male-ish variant (pitch and formants). */
const VOICES: Readonly<Record<Voice, { readonly variant: string; readonly pitch: number; readonly speed: number }>> = {
  female: { variant: 'cmn+f4', pitch: 70, speed: 165 },
  male: { variant: 'cmn+m3', pitch: 35, speed: 160 },
};

/** Trims espeak's leading and trailing silence, leaving a short breath after the words. */
const TRIM = 'silenceremove=start_periods=1:start_threshold=-45dB,areverse,silenceremove=start_periods=1:start_threshold=-45dB,areverse,apad=pad_dur=0.15';

function clip(voice: Voice, line: LineId, dir: string): string {
  const wav = path.join(dir, `${voice}-${line}.wav`);
  const out = path.join(OUT, `${voice}-${line}.opus`);
  const v = VOICES[voice];
  execFileSync('espeak-ng', ['-v', v.variant, '-p', String(v.pitch), '-s', String(v.speed), '-w', wav, trainingMessages.lines[line]]);
  // 16 kHz mono Opus at 16 kbit/s (speech, "voip" tuning); bitexact so a rerun changes no bytes it need not.
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-i', wav],
    ...['-af', TRIM, '-ac', '1', '-ar', '16000'],
    ...['-c:a', 'libopus', '-b:a', '16k', '-application', 'voip', '-frame_duration', '20'],
    ...['-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', out],
  ]);
  return out;
}

const wanted = new Set<string>();
for (const persona of PERSONAS) for (const line of linesOf(persona)) wanted.add(`${persona.voice}-${line}`);

const dir = mkdtempSync(path.join(tmpdir(), 'training-clips-'));
let total = 0;
try {
  for (const name of [...wanted].sort()) {
    const [voice, line] = name.split(/-(.*)/s) as [Voice, LineId];
    const out = clip(voice, line, dir);
    total += statSync(out).size;
    console.log(`${out}  ${statSync(out).size} B  ${trainingMessages.lines[line]}`);
  }
  // Clips no persona says any more go.
  for (const file of readdirSync(OUT)) {
    if (file.endsWith('.opus') && !wanted.has(file.slice(0, -'.opus'.length))) {
      rmSync(path.join(OUT, file));
      console.log(`removed ${file}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${wanted.size} clips, ${(total / 1024).toFixed(1)} KiB`);
