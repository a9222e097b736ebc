import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { MAINTENANCE_URL, WELCOME_URL } from './app-origin';
import type { WebContentsLike } from './electron-api';

const log = createLogger('kiosk:electron:recovery');

export interface RecoveryOptions {
  clock?: Clock;
  /** Crashes within `crashWindowMs` after which the kiosk stops reloading and shows maintenance. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** A renderer unresponsive this long is killed and reloaded. */
  hangTimeoutMs?: number;
  /** Called once when the kiosk gives up (maintenance screen): the platform's fleet view and the portal are told. */
  onGaveUp(reason: string): void;
  /** Called on every recovery, so the flow can close or resume the patient's session safely. */
  onRecovered?(reason: string): void;
}

/**
 * Keeps the kiosk screen alive. A crashed or hung renderer reloads to the welcome screen (the
 * patient session lives in main: the flow decides whether it resumes or is safely closed). Repeated
 * crashes stop the reload loop on a maintenance screen and alert the platform, so a cabin is never
 * dead without anyone knowing.
 */
export function watchRenderer(contents: WebContentsLike, options: RecoveryOptions): () => void {
  const clock = options.clock ?? systemClock;
  const maxCrashes = options.maxCrashes ?? 3;
  const windowMs = options.crashWindowMs ?? 10 * 60_000;
  const hangMs = options.hangTimeoutMs ?? 15_000;
  let crashes: number[] = [];
  let gaveUp = false;
  let hangTimer: unknown = null;
  let disposed = false;

  const recover = (reason: string) => {
    if (disposed || gaveUp || contents.isDestroyed()) return;
    const now = clock.now();
    crashes = [...crashes.filter((t) => now - t < windowMs), now];
    if (crashes.length >= maxCrashes) {
      gaveUp = true;
      log.error(`renderer failed ${crashes.length} times; showing maintenance [reason:${reason}]`);
      void contents.loadURL(MAINTENANCE_URL);
      options.onGaveUp(`renderer ${reason} ${crashes.length} times in ${Math.round(windowMs / 60_000)} min`);
      return;
    }
    log.warn(`renderer ${reason}; reloading the welcome screen`);
    options.onRecovered?.(reason);
    void contents.loadURL(WELCOME_URL);
  };

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') recover(details.reason);
  });
  contents.on('unresponsive', () => {
    if (hangTimer !== null) return;
    hangTimer = clock.setTimeout(() => {
      hangTimer = null;
      log.warn('renderer hung; killing it');
      contents.forcefullyCrashRenderer();
      recover('hung');
    }, hangMs);
  });
  contents.on('responsive', () => {
    if (hangTimer !== null) clock.clearTimeout(hangTimer);
    hangTimer = null;
  });
  return () => {
    disposed = true;
    if (hangTimer !== null) clock.clearTimeout(hangTimer);
  };
}
