import type { DeviceStatus } from '../../../common/devices/device-status';
import type { LiveReading } from '../../../common/devices/live-reading';
import type { Measurement, PlethChunk } from '../../../common/devices/measurement';
import type { FlowView } from '../../../common/flow/flow-view';
import type { VitalsSource } from '../vitals-publisher';

type Listeners = {
  live: Set<(r: LiveReading) => void>;
  pleth: Set<(c: PlethChunk) => void>;
  measurement: Set<(m: Measurement) => void>;
  status: Set<(s: DeviceStatus) => void>;
  flow: Set<(v: FlowView) => void>;
};

/** The kiosk API's device events, driven by a test or the bench instead of main. */
export function createFakeVitalsSource() {
  const l: Listeners = {
    live: new Set(),
    pleth: new Set(),
    measurement: new Set(),
    status: new Set(),
    flow: new Set(),
  };
  const on =
    <T>(set: Set<(x: T) => void>) =>
    (listener: (x: T) => void) => {
      set.add(listener);
      return () => set.delete(listener);
    };
  const source: VitalsSource = {
    onLiveReading: on(l.live),
    onPlethReceived: on(l.pleth),
    onMeasurementRecorded: on(l.measurement),
    onDeviceStatusChanged: on(l.status),
    onFlowChanged: on(l.flow),
  };
  return {
    source,
    live: (r: LiveReading) => l.live.forEach((f) => f(r)),
    pleth: (c: PlethChunk) => l.pleth.forEach((f) => f(c)),
    measurement: (m: Measurement) => l.measurement.forEach((f) => f(m)),
    status: (s: DeviceStatus) => l.status.forEach((f) => f(s)),
    /** Listeners still attached (a finished call must leave none). */
    listenerCount: () => Object.values(l).reduce((n: number, set: Set<unknown>) => n + set.size, 0),
  };
}
