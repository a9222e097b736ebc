import type { PortalAlert } from '../common/pharmacy/cabins';
import type { PortalCallback } from '../common/pharmacy/callbacks';
import { ALERT_CHIME, ESCALATED_CHIME, playChime, type AudioLike, type Chime } from '../web-shared/sound/chime';

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

/** How often each level rings again until the alert is acknowledged. */
const PATTERNS: Record<Exclude<AlarmLevel, 'off'>, { everyMs: number; chime: Chime }> = {
  chime: { everyMs: 8_000, chime: ALERT_CHIME },
  escalated: { everyMs: 2_000, chime: ESCALATED_CHIME },
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
    playChime(this.context(), PATTERNS[this.level].chime);
  }

  private context(): AudioLike | null {
    this.audio ??= this.createAudio();
    return this.audio;
  }
}
