import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface HeartSoundFile {
  path: string;
  sampleRateHz: number;
  /** The beat rate the file really has (its period is a whole number of samples). */
  bpm: number;
}

/**
 * A synthetic heart sound made with sox, for Chromium's fake audio capture: per beat an S1 (55 Hz,
 * 100 ms) and, 320 ms later, an S2 (90 Hz, 80 ms), both with soft edges, at `bpm`; over a faint
 * brown-noise hiss such as a chest piece picks up. Everything lies below 200 Hz but the hiss.
 * Mono 16-bit WAV at 48 kHz, `seconds` long (Chromium loops it).
 */
export function makeHeartSound(dir: string, { bpm = 70, seconds = 60, sampleRateHz = 48_000 } = {}): HeartSoundFile {
  const sox = (...args: string[]) => execFileSync('sox', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const file = (name: string) => join(dir, name);
  const format = ['-r', String(sampleRateHz), '-c', '1', '-b', '16'];
  const period = Math.round((sampleRateHz * 60) / bpm);
  const s1 = Math.round(sampleRateHz * 0.1);
  const s1ToS2 = Math.round(sampleRateHz * 0.32);
  const s2 = Math.round(sampleRateHz * 0.08);
  sox(
    '-n',
    ...format,
    file('s1.wav'),
    'synth',
    `${s1}s`,
    'sine',
    '55',
    'fade',
    'h',
    '0.02',
    '0.1',
    '0.04',
    'vol',
    '0.6',
  );
  sox(
    '-n',
    ...format,
    file('s2.wav'),
    'synth',
    `${s2}s`,
    'sine',
    '90',
    'fade',
    'h',
    '0.015',
    '0.08',
    '0.03',
    'vol',
    '0.4',
  );
  sox(file('s1.wav'), file('s1-padded.wav'), 'pad', '0', `${s1ToS2 - s1}s`);
  sox(file('s2.wav'), file('s2-padded.wav'), 'pad', '0', `${period - s1ToS2 - s2}s`);
  sox(file('s1-padded.wav'), file('s2-padded.wav'), file('beat.wav'));
  const beats = Math.ceil((seconds * sampleRateHz) / period);
  sox(file('beat.wav'), file('beats.wav'), 'repeat', String(beats - 1));
  sox('-n', ...format, file('hiss.wav'), 'synth', `${beats * period}s`, 'brownnoise', 'vol', '0.01');
  const path = file('heart-sound.wav');
  sox('-m', '-v', '1', file('beats.wav'), '-v', '1', file('hiss.wav'), path);
  return { path, sampleRateHz, bpm: (60 * sampleRateHz) / period };
}
