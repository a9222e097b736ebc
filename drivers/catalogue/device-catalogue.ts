import { downloadHem7322u } from '../devices/omron-hem7322u-download';
import { downloadHem790it } from '../devices/omron-hem790it-download';
import { contecCms50Legacy } from '../protocols/contec-cms50-legacy';
import { contecCms50V7 } from '../protocols/contec-cms50-v7';
import { masimoAscii } from '../protocols/masimo-ascii';
import { noninFormat2 } from '../protocols/nonin-format2';
import { noninFormat7 } from '../protocols/nonin-format7';
import { createHem790itDecoder } from '../protocols/omron-hem790it';
import { createHem7322uDecoder } from '../protocols/omron-hem7322u';
import { welchAllynSureTemp } from '../protocols/welch-allyn-suretemp';
import { omronHem7322uSimulator } from '../simulators/hid/omron-hem7322u-simulator';
import { omronHem790itSimulator } from '../simulators/hid/omron-hem790it-simulator';
import { contecCms50LegacySimulator } from '../simulators/models/contec-cms50-legacy';
import { contecCms50V7Simulator } from '../simulators/models/contec-cms50-v7';
import { masimoAsciiSimulator } from '../simulators/models/masimo-ascii';
import { noninFormat2Simulator } from '../simulators/models/nonin-format2';
import { noninFormat7Simulator } from '../simulators/models/nonin-format7';
import { welchAllynSureTempSimulator } from '../simulators/models/welch-allyn-suretemp';
import {
  BLOOD_PRESSURE_CALIBRATION,
  NO_CALIBRATION,
  OXIMETER_CALIBRATION,
  THERMOMETER_CALIBRATION,
} from './calibration-procedures';
import type { DeviceModelEntry, OximeterEntry, ThermometerEntry } from './device-model-entry';

const LINE_9600_8N1 = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

/**
 * Every device model the kiosk can drive, one complete entry each: the one place a model is
 * declared. The config's valid models, the drivers, the simulators, `kioskctl` and the names the
 * screens and the doctor see all come from here (see "How to add a device" in the README).
 */
export const DEVICE_CATALOGUE = {
  'contec-cms50-legacy': {
    kind: 'oximeter',
    displayName: 'Contec CMS50D+ (ancien firmware)',
    transport: { type: 'serial', line: { baudRate: 19200, dataBits: 8, parity: 'odd', stopBits: 1 } },
    protocol: contecCms50Legacy,
    simulator: contecCms50LegacySimulator,
    plethRateHz: 60,
    framePeriodMs: 1000 / 60,
    fallbackModel: null,
    calibration: OXIMETER_CALIBRATION,
  },
  'contec-cms50-v7': {
    kind: 'oximeter',
    displayName: 'Contec CMS50D+/E/F (protocole V7)',
    transport: { type: 'serial', line: { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 } },
    protocol: contecCms50V7,
    simulator: contecCms50V7Simulator,
    plethRateHz: 60,
    framePeriodMs: 1000 / 60,
    // Older firmware behind the same cable streams the legacy format at 19200-8O1.
    fallbackModel: 'contec-cms50-legacy',
    calibration: OXIMETER_CALIBRATION,
  },
  'nonin-format2': {
    kind: 'oximeter',
    displayName: 'Nonin (format 2)',
    transport: { type: 'serial', line: LINE_9600_8N1 },
    protocol: noninFormat2,
    simulator: noninFormat2Simulator,
    plethRateHz: 75,
    framePeriodMs: 1000 / 3,
    fallbackModel: null,
    calibration: OXIMETER_CALIBRATION,
  },
  'nonin-format7': {
    kind: 'oximeter',
    displayName: 'Nonin (format 7)',
    transport: { type: 'serial', line: LINE_9600_8N1 },
    protocol: noninFormat7,
    simulator: noninFormat7Simulator,
    plethRateHz: 75,
    framePeriodMs: 1000 / 3,
    fallbackModel: null,
    calibration: OXIMETER_CALIBRATION,
  },
  'masimo-ascii': {
    kind: 'oximeter',
    displayName: 'Masimo Rad-8 / Radical (ASCII 1)',
    transport: { type: 'serial', line: LINE_9600_8N1 },
    protocol: masimoAscii,
    simulator: masimoAsciiSimulator,
    plethRateHz: 1,
    framePeriodMs: 1000,
    fallbackModel: null,
    calibration: OXIMETER_CALIBRATION,
  },
  'welch-allyn-suretemp': {
    kind: 'thermometer',
    displayName: 'Welch Allyn SureTemp Plus',
    transport: { type: 'serial', line: LINE_9600_8N1 },
    protocol: welchAllynSureTemp,
    simulator: welchAllynSureTempSimulator,
    calibration: THERMOMETER_CALIBRATION,
  },
  'omron-hem790it': {
    kind: 'blood-pressure',
    displayName: 'Omron HEM-790IT',
    // libomron's OMRON_VID / OMRON_PID for the 790IT family.
    transport: { type: 'hid', usb: { vendorId: 0x0590, productId: 0x0028 } },
    protocol: { createDecoder: createHem790itDecoder, download: downloadHem790it },
    simulator: omronHem790itSimulator,
    calibration: BLOOD_PRESSURE_CALIBRATION,
  },
  'omron-hem7322u': {
    kind: 'blood-pressure',
    displayName: 'Omron HEM-7322U (M500 IT)',
    transport: { type: 'hid', usb: { vendorId: 0x0590, productId: 0x0090 } },
    protocol: { createDecoder: createHem7322uDecoder, download: downloadHem7322u },
    simulator: omronHem7322uSimulator,
    calibration: BLOOD_PRESSURE_CALIBRATION,
  },
  'pcsc-vitale': {
    kind: 'card-reader',
    displayName: 'Lecteur PC/SC (Carte Vitale)',
    transport: { type: 'pcsc' },
    calibration: NO_CALIBRATION,
  },
  'usb-audio-stethoscope': {
    kind: 'stethoscope',
    displayName: 'Stéthoscope connecté USB (classe audio)',
    // Connected stethoscopes enumerate as a plain USB microphone under their maker's ids, which
    // differ per model and revision: the site config gives the ids lsusb shows, and the label.
    transport: { type: 'usb-audio', usb: null, labels: ['stethoscope', 'stéthoscope'] },
    // Debian's Chromium lists "Fake Default Audio Input", "Fake Audio Input 1" and "… 2": the
    // second stands in for the stethoscope, the default one stays the cabin's microphone.
    simulator: { label: 'Fake Audio Input 2' },
    calibration: NO_CALIBRATION,
  },
  'uvc-otoscope': {
    kind: 'exam-camera',
    displayName: 'Otoscope / dermatoscope numérique USB (classe vidéo)',
    // USB otoscopes and dermatoscopes are plain UVC cameras under their maker's ids (often a generic
    // camera chip's): the site config gives the ids lsusb shows, and the label V4L2 gives them.
    transport: { type: 'uvc-camera', usb: null, labels: ['otoscope', 'dermatoscope', 'endoscope'] },
    // Debian's Chromium with device-count=3 lists "fake_device_0" to "fake_device_2": the first
    // stays the cabin's camera; the second is a depth camera (Y16 pixels, which WebRTC cannot
    // send), so the third, an ordinary I420 one, stands in for the examination camera.
    simulator: { label: 'fake_device_2' },
    calibration: NO_CALIBRATION,
  },
} as const satisfies Record<string, DeviceModelEntry>;

export type DeviceModelId = keyof typeof DEVICE_CATALOGUE;

/** A catalogue entry with its id, as the drivers and tools receive it. */
export type CatalogueEntry<E extends DeviceModelEntry = DeviceModelEntry> = E & { readonly id: DeviceModelId };

type ModelIds<T extends Record<DeviceModelId, DeviceModelId | null>> = T;
/** Does not compile when a fallback names no model of the catalogue. */
export type Fallbacks = ModelIds<{
  [K in DeviceModelId]: (typeof DEVICE_CATALOGUE)[K] extends { fallbackModel: infer F } ? F : null;
}>;

/** Every model id, in catalogue order (for z.enum and listings). */
export const DEVICE_MODEL_IDS = Object.keys(DEVICE_CATALOGUE) as [DeviceModelId, ...DeviceModelId[]];

export function isDeviceModelId(value: string): value is DeviceModelId {
  return Object.hasOwn(DEVICE_CATALOGUE, value);
}

export function catalogueEntry(id: DeviceModelId): CatalogueEntry {
  return { id, ...(DEVICE_CATALOGUE[id] as DeviceModelEntry) };
}

/** Every model of one kind, with its id. */
export function modelsOfKind<K extends DeviceModelEntry['kind']>(
  kind: K,
): CatalogueEntry<Extract<DeviceModelEntry, { kind: K }>>[] {
  return DEVICE_MODEL_IDS.map(catalogueEntry).filter(
    (e): e is CatalogueEntry<Extract<DeviceModelEntry, { kind: K }>> => e.kind === kind,
  );
}

/** The model as measurements and statuses carry it to the screens and the platform (common's DeviceModelFields). */
export function modelFields(id: DeviceModelId): { model: DeviceModelId; modelName: string } {
  return { model: id, modelName: DEVICE_CATALOGUE[id].displayName };
}

/** Every model on a serial line (oximeters and thermometers), with its id. */
export function serialModels(): CatalogueEntry<OximeterEntry | ThermometerEntry>[] {
  return [...modelsOfKind('oximeter'), ...modelsOfKind('thermometer')];
}
