import type { DeviceStatus } from '../common/devices/device-status';
import { sampleDeviceStatus } from '../common/records/testing/samples';
import type { Measurement } from '../common/devices/measurement';

/** Test data for the vitals panel and its state (shapes checked by the common schemas). */
export const device = (over: Partial<DeviceStatus>): DeviceStatus => sampleDeviceStatus({ deviceId: 'ox1', ...over });

export const ALL_DEVICES: DeviceStatus[] = [
  device({}),
  device({
    deviceId: 'th1',
    model: 'welch-allyn-suretemp',
    modelName: 'Welch Allyn SureTemp Plus',
    kind: 'thermometer',
  }),
  device({ deviceId: 'bp1', model: 'omron-hem7322u', modelName: 'Omron HEM-7322U (M500 IT)', kind: 'blood-pressure' }),
];

const common = { deviceId: 'ox1', serialNumber: null, flags: [], valid: true, calibration: 'valid' as const };

export const oximetry = (over: Partial<Extract<Measurement, { kind: 'oximetry' }>> = {}): Measurement => ({
  ...common,
  id: '6f1c0a52-8d6e-4f5a-9a43-0f1e2d3c4b5a',
  model: 'contec-cms50-v7',
  modelName: 'Contec CMS50D+/E/F (protocole V7)',
  takenAt: '2026-11-22T10:00:00.000Z',
  kind: 'oximetry',
  spo2: 97,
  pulseRate: 72,
  perfusionIndex: null,
  ...over,
});

export const temperature = (over: Partial<Extract<Measurement, { kind: 'temperature' }>> = {}): Measurement => ({
  ...common,
  id: '7f1c0a52-8d6e-4f5a-9a43-0f1e2d3c4b5a',
  deviceId: 'th1',
  model: 'welch-allyn-suretemp',
  modelName: 'Welch Allyn SureTemp Plus',
  takenAt: '2026-11-22T10:01:00.000Z',
  kind: 'temperature',
  celsius: 38.4,
  site: 'oral',
  ...over,
});

export const bloodPressure = (over: Partial<Extract<Measurement, { kind: 'blood-pressure' }>> = {}): Measurement => ({
  ...common,
  id: '8f1c0a52-8d6e-4f5a-9a43-0f1e2d3c4b5a',
  deviceId: 'bp1',
  model: 'omron-hem7322u',
  modelName: 'Omron HEM-7322U (M500 IT)',
  takenAt: '2026-11-22T10:02:00.000Z',
  kind: 'blood-pressure',
  systolic: 128,
  diastolic: 82,
  mean: null,
  pulseRate: 70,
  ...over,
});
