import type { DeviceStatus } from '../../common/devices/device-status';
import type { Clock } from '../../common/util/clock';
import type { DecodedFrame } from '../../drivers/protocols/types';

/** What a trial watches of the device manager: the device's frames and its status. */
export interface TrialSource {
  on(event: 'frameDecoded', listener: (deviceId: string, frame: DecodedFrame) => void): unknown;
  off(event: 'frameDecoded', listener: (deviceId: string, frame: DecodedFrame) => void): unknown;
  on(event: 'statusChanged', listener: (status: DeviceStatus) => void): unknown;
  off(event: 'statusChanged', listener: (status: DeviceStatus) => void): unknown;
}

/** How a trial ended: a frame that decoded, or why none did. */
export type TrialOutcome =
  | { ok: true; frame: DecodedFrame; at: number }
  | { ok: false; code: 'port-unavailable' | 'no-answer' | 'wrong-model'; detail: string };

/**
 * Waits up to `limitMs` for the device `deviceId` to give a test reading: the first frame its
 * protocol decodes (not a decode error). Bytes that never decode mean the device on that port
 * speaks another protocol (`wrong-model`); no byte at all, `no-answer`; a port that cannot be
 * opened ends the trial at once. Start it before the device is opened, so no frame is missed.
 */
export function watchTestReading(
  source: TrialSource,
  deviceId: string,
  limitMs: number,
  clock: Clock,
): Promise<TrialOutcome> {
  return new Promise((resolve) => {
    let undecoded = 0;
    const finish = (outcome: TrialOutcome) => {
      clock.clearTimeout(timer);
      source.off('frameDecoded', onFrame);
      source.off('statusChanged', onStatus);
      resolve(outcome);
    };
    const onFrame = (id: string, frame: DecodedFrame) => {
      if (id !== deviceId) return;
      if (frame.type === 'error') undecoded += frame.raw.length;
      else finish({ ok: true, frame, at: clock.now() });
    };
    const onStatus = (status: DeviceStatus) => {
      if (status.deviceId === deviceId && status.reason?.code === 'port-unavailable')
        finish({ ok: false, code: 'port-unavailable', detail: status.reason.detail });
    };
    const seconds = Math.round(limitMs / 1000);
    const timer = clock.setTimeout(
      () =>
        finish(
          undecoded > 0
            ? { ok: false, code: 'wrong-model', detail: `${undecoded} bytes in ${seconds} s, none decoded` }
            : { ok: false, code: 'no-answer', detail: `no byte in ${seconds} s` },
        ),
      limitMs,
    );
    source.on('frameDecoded', onFrame);
    source.on('statusChanged', onStatus);
  });
}
