import type { QueueItem } from '../common/signaling/messages';
import { ARRIVAL_CHIME, playChime, type AudioLike } from '../web-shared/sound/chime';

/** The browser's notifications as the console uses them (tests pass a fake). */
export interface NotificationsLike {
  /** 'unsupported' where the browser has none (or the page is not a secure context). */
  permission(): NotificationPermission | 'unsupported';
  /** Must run inside a user gesture (a click), or browsers refuse without asking. */
  request(): Promise<NotificationPermission>;
  show(title: string, options: { body: string; tag: string }): void;
}

export function browserNotifications(): NotificationsLike {
  const N = (globalThis as { Notification?: typeof Notification }).Notification;
  return {
    permission: () => (N ? N.permission : 'unsupported'),
    request: () => (N ? N.requestPermission() : Promise.resolve('denied')),
    show: (title, options) => {
      if (N?.permission === 'granted') new N(title, options);
    },
  };
}

/** Patients in `entries` that were not in the queue before. */
export function newArrivals(before: ReadonlySet<string>, entries: readonly QueueItem[]): QueueItem[] {
  return entries.filter((e) => !before.has(e.consultationId));
}

/** What the doctor is told of the alerts: sound on or held back by the browser, notifications' permission. */
export interface AlertsState {
  sound: 'on' | 'blocked' | 'none';
  notifications: NotificationPermission | 'unsupported';
}

/**
 * The sound and the notification when a patient arrives in the doctor's queue. The browser plays
 * sound and asks for notifications only after a click: `enable` is that click's handler. The
 * notification says the specialty and age only: it may show on a locked screen, so no reason.
 */
export class ArrivalAlerts {
  private audio: AudioLike | null | undefined;

  constructor(
    private readonly createAudio: () => AudioLike | null,
    private readonly notifications: NotificationsLike,
  ) {}

  state(): AlertsState {
    const audio = this.context();
    return {
      sound: !audio ? 'none' : audio.state === 'running' ? 'on' : 'blocked',
      notifications: this.notifications.permission(),
    };
  }

  /**
   * From a click: lets the sound play and asks for notifications (once: a refusal stays refused).
   * `onChange` hears the sound's state at once and the permission when the doctor answers the
   * browser's prompt (which may stay open a long time).
   */
  async enable(onChange: (state: AlertsState) => void): Promise<void> {
    await this.context()
      ?.resume()
      .catch(() => {});
    onChange(this.state());
    if (this.notifications.permission() !== 'default') return;
    await this.notifications.request().catch(() => 'denied');
    onChange(this.state());
  }

  /** One chime for the arrivals, one notification each; what was heard or shown. */
  announce(arrivals: readonly QueueItem[], text: (item: QueueItem) => { title: string; body: string }) {
    if (arrivals.length === 0) return { chimed: false, notified: 0 };
    const chimed = playChime(this.context(), ARRIVAL_CHIME);
    let notified = 0;
    if (this.notifications.permission() === 'granted') {
      for (const item of arrivals) {
        this.notifications.show(text(item).title, { body: text(item).body, tag: item.consultationId });
        notified++;
      }
    }
    return { chimed, notified };
  }

  private context(): AudioLike | null {
    if (this.audio === undefined) this.audio = this.createAudio();
    return this.audio;
  }
}
