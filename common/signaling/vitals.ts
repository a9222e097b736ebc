import { z } from 'zod';
import { DeviceStatus } from '../devices/device-status';
import { LiveReading } from '../devices/live-reading';
import { Measurement, PlethChunk } from '../devices/measurement';
import { MeasurementKind } from '../devices/kinds';

/**
 * What the kiosk sends the doctor over its two SCTP data channels during the call (JSON text).
 *
 * - `vitals-live`: unordered, maxRetransmits 0 (lossy by design: a late waveform sample is useless)
 *   — `live` and `pleth` envelopes;
 * - `vitals-results`: ordered and reliable — `measurement`, `measurement-failed` and `devices`.
 *
 * `sentAt` (ms since the epoch, kiosk clock) lets the console show staleness and the bench measure
 * latency; `seq` increases per channel so the console can count losses and drop out-of-order chunks.
 * `seq` may restart from 0 on a new data producer (a kiosk page reload): reset what you compare it
 * with when you consume a new `vitals-live` data producer.
 */
export const VITALS_LIVE_LABEL = 'vitals-live';
export const VITALS_RESULTS_LABEL = 'vitals-results';
/** Protocol string set on both data producers; the console checks it before parsing. */
export const VITALS_PROTOCOL = 'kiosk-vitals/1';

const Base = { sentAt: z.number(), seq: z.number().int().min(0) };

/** The device's running value (SpO2 and pulse while the finger is in, cuff pressure, …). */
export const LiveEnvelope = z.object({ type: z.literal('live'), ...Base, reading: LiveReading });
/** A piece of the pleth waveform (values 0–100 at `chunk.rateHz`), to draw as it arrives. */
export const PlethEnvelope = z.object({ type: z.literal('pleth'), ...Base, chunk: PlethChunk });
/** A recorded measurement (with device model, calibration state and quality flags). */
export const MeasurementEnvelope = z.object({ type: z.literal('measurement'), ...Base, measurement: Measurement });
/**
 * A requested measurement could not be taken: `failure` is the flow's code ('finger-out',
 * 'device-unplugged', 'device-unavailable', 'timeout', …).
 */
export const MeasurementFailedEnvelope = z.object({
  type: z.literal('measurement-failed'),
  ...Base,
  kind: MeasurementKind,
  failure: z.string().max(100),
});
/** The kiosk's device statuses (sent on channel open and on every change): unavailable devices are marked. */
export const DevicesEnvelope = z.object({
  type: z.literal('devices'),
  ...Base,
  devices: z.array(DeviceStatus).max(20),
});

export const VitalsMessage = z.discriminatedUnion('type', [
  LiveEnvelope,
  PlethEnvelope,
  MeasurementEnvelope,
  MeasurementFailedEnvelope,
  DevicesEnvelope,
]);
export type VitalsMessage = z.infer<typeof VitalsMessage>;
export type LiveEnvelope = z.infer<typeof LiveEnvelope>;
export type PlethEnvelope = z.infer<typeof PlethEnvelope>;
export type MeasurementEnvelope = z.infer<typeof MeasurementEnvelope>;

/** Parses one data-channel message; null (and the caller counts it) when it is not a vitals message. */
export function parseVitalsMessage(data: unknown): VitalsMessage | null {
  if (typeof data !== 'string' || data.length > 64 * 1024) return null;
  try {
    const parsed = VitalsMessage.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
