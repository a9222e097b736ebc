/**
 * The browser apps' sounds, synthesised with Web Audio (no file to ship or to fail to load): the
 * pharmacist portal's alarm (portal/alarm.ts) and the doctor console's patient-arrival chime.
 */

/** The bit of Web Audio the sounds use (tests pass a recording fake). */
export interface AudioLike {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): {
    type: string;
    frequency: { value: number };
    connect(node: unknown): unknown;
    start(at: number): void;
    stop(at: number): void;
  };
  createGain(): { gain: { value: number }; connect(node: unknown): unknown };
}

/** A few notes played together once: when each starts (s from now), how long, how loud, which wave. */
export interface Chime {
  notes: readonly { hz: number; at: number; length: number }[];
  wave: string;
  volume: number;
}

/** The portal's open alert: two soft notes, falling. */
export const ALERT_CHIME: Chime = {
  wave: 'sine',
  volume: 0.35,
  notes: [
    { hz: 880, at: 0, length: 0.25 },
    { hz: 660, at: 0.3, length: 0.35 },
  ],
};

/** The portal's escalated alert or emergency: three loud, harsh notes. */
export const ESCALATED_CHIME: Chime = {
  wave: 'square',
  volume: 1,
  notes: [
    { hz: 1320, at: 0, length: 0.18 },
    { hz: 990, at: 0.22, length: 0.18 },
    { hz: 1320, at: 0.44, length: 0.3 },
  ],
};

/**
 * A patient arrives in the doctor's queue: two soft notes rising (the portal's alert falls), short
 * enough not to cover a call in another tab, played once per arrival.
 */
export const ARRIVAL_CHIME: Chime = {
  wave: 'sine',
  volume: 0.3,
  notes: [
    { hz: 660, at: 0, length: 0.2 },
    { hz: 990, at: 0.22, length: 0.3 },
  ],
};

/** Plays a chime once; false (and silent) while the browser keeps the sound off. */
export function playChime(audio: AudioLike | null, chime: Chime): boolean {
  if (!audio || audio.state !== 'running') return false;
  const gain = audio.createGain();
  gain.gain.value = chime.volume;
  gain.connect(audio.destination);
  for (const note of chime.notes) {
    const osc = audio.createOscillator();
    osc.type = chime.wave;
    osc.frequency.value = note.hz;
    osc.connect(gain);
    osc.start(audio.currentTime + note.at);
    osc.stop(audio.currentTime + note.at + note.length);
  }
  return true;
}

/** The browser's AudioContext, or null where there is none. */
export function browserAudio(): AudioLike | null {
  const Ctor = (globalThis as { AudioContext?: new () => AudioLike }).AudioContext;
  return Ctor ? new Ctor() : null;
}
