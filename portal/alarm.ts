import type { PortalAlert } from '../common/pharmacy/cabins';
import type { PortalCallback } from '../common/pharmacy/callbacks';

/**
 * - off: nothing open;
 * - chime: an open alert: two soft notes, repeated every 8 s until someone acknowledges it;
 * - escalated: an alert unanswered past the escalation delay (or any emergency): three loud,
 *   harsh notes every 2 s, on every portal of the pharmacy, until acknowledged.
 */
export type AlarmLevel = 'off' | 'chime' | 'escalated';

/** The level the pharmacy's open alerts call for; a patient to call back now chimes too. */
export function alarmLevel(alerts: readonly PortalAlert[], callbacks: readonly PortalCallback[] = []): AlarmLevel {
  const open = alerts.filter((a) => a.status === 'open');
  if (open.some((a) => a.escalated || a.kind === 'emergency')) return 'escalated';
  return open.length > 0 || callbacks.some((c) => c.status === 'call-now') ? 'chime' : 'off';
}

/** The bit of Web Audio the alarm uses (tests pass a recording fake). */
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

interface Pattern {
  everyMs: number;
  notes: readonly { hz: number; at: number; length: number }[];
  wave: string;
  volume: number;
}

const PATTERNS: Record<Exclude<AlarmLevel, 'off'>, Pattern> = {
  chime: {
    everyMs: 8_000,
    wave: 'sine',
    volume: 0.35,
    notes: [
      { hz: 880, at: 0, length: 0.25 },
      { hz: 660, at: 0.3, length: 0.35 },
    ],
  },
  escalated: {
    everyMs: 2_000,
    wave: 'square',
    volume: 1,
    notes: [
      { hz: 1320, at: 0, length: 0.18 },
      { hz: 990, at: 0.22, length: 0.18 },
      { hz: 1320, at: 0.44, length: 0.3 },
    ],
  },
};

/**
 * The portal's sound: plays the level's pattern at once and then on repeat, until the level
 * changes. Browsers start audio only after a touch on the page: `blocked` says so, and `unlock` (on
 * a touch) lets it play; the page shows a button for it while blocked, so nobody believes a silent
 * tablet rings.
 */
export class Alarm {
  private level: AlarmLevel = 'off';
  private timer: ReturnType<typeof setInterval> | null = null;
  private audio: AudioLike | null = null;

  constructor(private readonly createAudio: () => AudioLike | null) {}

  get current(): AlarmLevel {
    return this.level;
  }

  /** The browser keeps the sound off until someone touches the page. */
  get blocked(): boolean {
    return this.context()?.state !== 'running';
  }

  /** Call from a touch (sign-in, the "turn the sound on" button): resolves whether sound can play. */
  async unlock(): Promise<boolean> {
    const audio = this.context();
    if (!audio) return false;
    await audio.resume().catch(() => {});
    if (audio.state === 'running') this.ring();
    return audio.state === 'running';
  }

  set(level: AlarmLevel): void {
    if (level === this.level) return;
    this.level = level;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (level === 'off') return;
    this.ring();
    this.timer = setInterval(() => this.ring(), PATTERNS[level].everyMs);
  }

  stop(): void {
    this.set('off');
  }

  private ring() {
    if (this.level === 'off') return;
    const audio = this.context();
    if (!audio || audio.state !== 'running') return;
    const pattern = PATTERNS[this.level];
    const gain = audio.createGain();
    gain.gain.value = pattern.volume;
    gain.connect(audio.destination);
    for (const note of pattern.notes) {
      const osc = audio.createOscillator();
      osc.type = pattern.wave;
      osc.frequency.value = note.hz;
      osc.connect(gain);
      osc.start(audio.currentTime + note.at);
      osc.stop(audio.currentTime + note.at + note.length);
    }
  }

  private context(): AudioLike | null {
    this.audio ??= this.createAudio();
    return this.audio;
  }
}

/** The browser's AudioContext, or null where there is none. */
export function browserAudio(): AudioLike | null {
  const Ctor = (globalThis as { AudioContext?: new () => AudioLike }).AudioContext;
  return Ctor ? new Ctor() : null;
}
