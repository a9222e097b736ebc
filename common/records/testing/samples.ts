import type { CalibrationRecord } from '../../calibration/calibration-record';
import type { Prescription } from '../../consultation/prescription';
import type { DeviceStatus } from '../../devices/device-status';
import type { Measurement } from '../../devices/measurement';
import type { PatientIdentity } from '../../identity/identity';
import type { ConsultationNote } from '../../signaling/messages/consultation-note';

/** Test data only (a made-up person and NIR), shared by the tests of every side. */
export const SAMPLE_IDENTITY = {
  lastName: 'ZYGOMATIQUE',
  firstName: 'Philibertine',
  birthDate: '1984-07-21',
  nir: '284077512345678',
  source: 'card',
} satisfies PatientIdentity;

export const SAMPLE_CONSENT = {
  textVersion: '2026-01',
  teleconsultation: true,
  secondaryUse: false,
  at: '2026-03-02T09:01:00.000Z',
};

export const SAMPLE_INTAKE = {
  carePathway: null,
  locality: '75011',
  specialty: 'general-practice' as const,
  reason: 'fièvre depuis deux jours',
  contact: { email: null, phone: null },
};

/** A made-up prescription, as the doctor's end of call carries it to the kiosk. */
export const SAMPLE_PRESCRIPTION: Prescription = {
  number: 'RX-2026-000123-7',
  issuedAt: '2026-11-22T10:30:00.000Z',
  doctor: { name: 'Dr Claire Martin', rpps: '10101010101' },
  lines: [{ item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours', notes: '' }],
  qrPayload: 'RX-2026-000123-7 https://platform.invalid/rx/RX-2026-000123-7',
};

/** A connected, calibrated oximeter, as the device manager reports it. */
export function sampleDeviceStatus(over: Partial<DeviceStatus> = {}): DeviceStatus {
  return {
    deviceId: 'oximeter-1',
    model: 'contec-cms50-v7',
    modelName: 'Contec CMS50D+/E/F (protocole V7)',
    kind: 'oximeter',
    state: 'connected',
    reason: null,
    calibration: 'valid',
    since: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const common = (deviceId: string, takenAt: string) => ({
  id: crypto.randomUUID(),
  deviceId,
  serialNumber: `SN-${deviceId}`,
  takenAt,
  flags: [],
  valid: true,
  calibration: 'valid' as const,
});

export function oximetry(takenAt = '2026-03-02T09:05:00.000Z', spo2 = 97, pulseRate = 72): Measurement {
  return {
    ...common('oximeter-1', takenAt),
    model: 'contec-cms50-v7',
    modelName: 'Contec CMS50D+/E/F (protocole V7)',
    kind: 'oximetry',
    spo2,
    pulseRate,
    perfusionIndex: 4.1,
  };
}

export function temperature(takenAt = '2026-03-02T09:06:00.000Z', celsius = 37.8): Measurement {
  return {
    ...common('thermometer-1', takenAt),
    model: 'welch-allyn-suretemp',
    modelName: 'Welch Allyn SureTemp Plus',
    kind: 'temperature',
    celsius,
    site: 'oral',
  };
}

export function bloodPressure(takenAt = '2026-03-02T09:07:00.000Z', systolic = 128, diastolic = 82): Measurement {
  return {
    ...common('bp-1', takenAt),
    model: 'omron-hem7322u',
    modelName: 'Omron HEM-7322U (M500 IT)',
    kind: 'blood-pressure',
    systolic,
    diastolic,
    mean: 97,
    pulseRate: 70,
  };
}

/** A made-up calibration check of a cuff, as the kiosk's register records it. */
export function sampleCalibration(
  over: Partial<Extract<CalibrationRecord, { method: 'static-pressure' }>> = {},
): Extract<CalibrationRecord, { method: 'static-pressure' }> {
  const id = over.id ?? crypto.randomUUID();
  const points = [0, 50, 100, 150, 200, 250].map((nominal) => ({
    nominalMmHg: nominal,
    referenceMmHg: nominal,
    deviceMmHg: nominal + 1,
    errorMmHg: 1,
    toleranceMmHg: 3,
    passed: true,
  }));
  return {
    id,
    certificateNumber: `CAL-20261105-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`,
    kioskId: 'kiosk-one',
    deviceId: 'bp-1',
    model: 'omron-hem7322u',
    modelName: 'Omron HEM-7322U (M500 IT)',
    serialNumber: 'SN-BP-0001',
    method: 'static-pressure',
    deviceReading: 'check-mode-display',
    technician: 'Camille Técheur (tech.camille)',
    reference: {
      instrument: 'Manomètre de référence',
      serialNumber: 'REF-42',
      certificateNumber: 'COFRAC-2026-0042',
      certificateValidUntil: '2027-06-30',
    },
    points,
    leakTest: { startMmHg: 250, endMmHg: 249, heldSeconds: 60, dropMmHg: 1, maxDropMmHg: 6, passed: true },
    result: 'passed',
    performedAt: '2026-11-05T10:00:00.000Z',
    validUntil: '2027-11-05T10:00:00.000Z',
    ...over,
  };
}

/** A doctor's note with only its examination written (the tests' usual note). */
export const noteOf = (examination: string): ConsultationNote => ({
  reason: '',
  history: '',
  examination,
  conclusion: '',
});
