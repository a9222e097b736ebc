import type { DeviceStatus } from '../../common/devices/device-status';
import { HeartbeatAnswer, KioskHeartbeat, PLATFORM_API } from '../../common/signaling/fleet';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';

const log = createLogger('kiosk:main:heartbeat');

export interface HeartbeatOptions {
  platformUrl: string;
  credential: () => string;
  /** Told the new credential the platform hands over before the old one expires (to store it). */
  onRenewed?(credential: string): void;
  /** Told the `error` code of a 401 answer (an expired or revoked credential is logged there). */
  onRefused?(code: unknown): void;
  version: string;
  devices: () => DeviceStatus[] | Promise<DeviceStatus[]>;
  inSession: () => boolean | Promise<boolean>;
  /** The cabin's printer and hygiene checklist for the pharmacist's portal; absent: not reported. */
  cabin?: () => Promise<Pick<KioskHeartbeat, 'printer' | 'hygiene' | 'screen'>>;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Default 30 s. */
  intervalMs?: number;
}

/**
 * Reports the kiosk to the platform's fleet view every 30 s (version, uptime, devices, whether the
 * cabin is in use — never who). A failed beat is logged once per outage, then retried next time.
 */
export function startPlatformHeartbeat(options: HeartbeatOptions): { beat(): Promise<boolean>; stop(): void } {
  const clock = options.clock ?? systemClock;
  const doFetch = options.fetch ?? fetch;
  const startedAt = clock.now();
  const url = `${options.platformUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/$/, '')}${PLATFORM_API.heartbeat}`;
  let failing = false;
  let timer: unknown = null;
  let stopped = false;

  const beat = async (): Promise<boolean> => {
    // A beat asked for while the kiosk shuts down (its devices closing) would report a dead cabin.
    if (stopped) return false;
    try {
      const body = KioskHeartbeat.parse({
        version: options.version,
        uptimeSeconds: Math.round((clock.now() - startedAt) / 1000),
        devices: await options.devices(),
        inSession: await options.inSession(),
        ...(await options.cabin?.()),
      });
      const res = await doFetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.credential()}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const answer: unknown = await res.json().catch(() => null);
      if (res.status === 401) options.onRefused?.((answer as { error?: unknown } | null)?.error);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const renewed = HeartbeatAnswer.safeParse(answer).data?.credential;
      if (renewed) options.onRenewed?.(renewed);
      if (failing) log.info('platform heartbeat restored');
      failing = false;
      return true;
    } catch (error) {
      if (!failing) log.warn(`platform heartbeat failed: ${(error as Error).message}`);
      failing = true;
      return false;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = clock.setTimeout(() => void beat().finally(schedule), options.intervalMs ?? 30_000);
    // Never keep a process alive for a heartbeat (kioskctl builds the services too).
    (timer as { unref?: () => void } | null)?.unref?.();
  };
  void beat().finally(schedule);
  return {
    beat,
    stop: () => {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
    },
  };
}
