/**
 * Every device model the kiosk can drive, with what it measures and how it is attached.
 * This is the one list the config schema, the driver registry and the UI agree on: adding a
 * device kind is one protocol file in drivers/ plus one entry here.
 */
export const DEVICE_MODELS = {
  'contec-cms50-legacy': { kind: 'oximeter', transport: 'serial', label: 'Contec CMS50D+ (ancien firmware)' },
  'contec-cms50-v7': { kind: 'oximeter', transport: 'serial', label: 'Contec CMS50D+/E/F (protocole V7)' },
  'nonin-format2': { kind: 'oximeter', transport: 'serial', label: 'Nonin (format 2)' },
  'nonin-format7': { kind: 'oximeter', transport: 'serial', label: 'Nonin (format 7)' },
  'masimo-ascii': { kind: 'oximeter', transport: 'serial', label: 'Masimo Rad-8 / Radical (ASCII 1)' },
  'welch-allyn-suretemp': { kind: 'thermometer', transport: 'serial', label: 'Welch Allyn SureTemp Plus' },
  'omron-hem790it': { kind: 'blood-pressure', transport: 'hid', label: 'Omron HEM-790IT' },
  'omron-hem7322u': { kind: 'blood-pressure', transport: 'hid', label: 'Omron HEM-7322U (M500 IT)' },
  'pcsc-vitale': { kind: 'card-reader', transport: 'pcsc', label: 'Lecteur PC/SC (Carte Vitale)' },
} as const satisfies Record<string, { kind: DeviceKind; transport: DeviceTransport; label: string }>;

export type DeviceKind = 'oximeter' | 'thermometer' | 'blood-pressure' | 'card-reader';
export type DeviceTransport = 'serial' | 'hid' | 'pcsc';
export type DeviceModelId = keyof typeof DEVICE_MODELS;

export const DEVICE_MODEL_IDS = Object.keys(DEVICE_MODELS) as [DeviceModelId, ...DeviceModelId[]];

export function isDeviceModelId(value: string): value is DeviceModelId {
  return Object.hasOwn(DEVICE_MODELS, value);
}
