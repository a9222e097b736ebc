import type { Measurement } from '../../../common/devices/measurement';
import type { createFakeVitalsSource } from './fake-vitals-source';

/**
 * A finger in a simulated pulse oximeter, in the page: a 60 Hz plethysmogram (a pulse at 72 bpm)
 * in chunks of 6 samples, running SpO2/pulse twice a second, and after 3 s the recorded
 * measurement — what the device manager and the flow would emit through the kiosk API.
 */
export function startSimulatedOximeter(
  vitals: ReturnType<typeof createFakeVitalsSource>,
  spo2 = 97,
  pulseRate = 72,
): () => void {
  const started = Date.now();
  let sample = 0;
  const deviceId = 'oximeter-1';
  const pleth = setInterval(() => {
    const samples = Array.from({ length: 6 }, () => {
      const t = sample++ / 60;
      const phase = (t * pulseRate) / 60;
      return Math.round(50 + 40 * Math.sin(2 * Math.PI * phase) * Math.exp(-((phase % 1) * 2)));
    }).map((v) => Math.min(100, Math.max(0, v)));
    vitals.pleth({ deviceId, rateHz: 60, startedAt: Date.now(), samples });
  }, 100);
  const live = setInterval(() => {
    const progress = Math.min(1, (Date.now() - started) / 3000);
    vitals.live({ deviceId, kind: 'oximetry', at: Date.now(), spo2, pulseRate, flags: [], progress });
  }, 500);
  const done = setTimeout(() => {
    const measurement: Measurement = {
      id: crypto.randomUUID(),
      deviceId,
      model: 'contec-cms50-v7',
      modelName: 'Contec CMS50D+/E/F (protocole V7)',
      serialNumber: 'SIM-0001',
      takenAt: new Date().toISOString(),
      flags: [],
      valid: true,
      calibration: 'valid',
      kind: 'oximetry',
      spo2,
      pulseRate,
      perfusionIndex: null,
    };
    vitals.measurement(measurement);
  }, 3000);
  return () => {
    clearInterval(pleth);
    clearInterval(live);
    clearTimeout(done);
  };
}
