import type { DeviceKind } from '../../common/devices/device-status';
import type { OmronDownload } from '../devices/omron-download';
import type { SerialProtocol, SerialSettings, StreamDecoder } from '../protocols/types';
import type { HidSimulatorModel } from '../simulators/hid/hid-simulator-model';
import type { SimulatorModel } from '../simulators/simulator-model';
import type { CalibrationProcedure } from './calibration-procedures';

/** A serial line as the device speaks it (the config may override the baud rate only). */
export interface SerialTransport {
  readonly type: 'serial';
  readonly line: SerialSettings;
}

/** A USB HID device, found by its vendor and product ids. */
export interface HidTransport {
  readonly type: 'hid';
  readonly usb: { readonly vendorId: number; readonly productId: number };
}

/** A PC/SC smart-card reader (pcscd); which reader is the config's `readerName`. */
export interface PcscTransport {
  readonly type: 'pcsc';
}

/**
 * A USB audio-class device the screens capture with getUserMedia (a connected stethoscope): the
 * browser names it by its label, udev and the kiosk's presence check by its USB ids.
 */
export interface UsbAudioTransport {
  readonly type: 'usb-audio';
  /**
   * The USB ids, or null when the maker publishes none: the site config then gives the ones `lsusb`
   * shows at installation.
   */
  readonly usb: { readonly vendorId: number; readonly productId: number } | null;
  /**
   * Parts of the capture device's label (MediaDeviceInfo.label, as PulseAudio/ALSA name it), any of
   * which picks the input, compared without case; the site config may name another.
   */
  readonly labels: readonly string[];
}

/**
 * A USB video-class camera the screens capture with getUserMedia (an otoscope or dermatoscope):
 * found as the USB audio input is, by its label in the browser and its USB ids for udev and presence.
 */
export interface UvcCameraTransport {
  readonly type: 'uvc-camera';
  /** The USB ids, or null when the maker publishes none (the site config gives them). */
  readonly usb: { readonly vendorId: number; readonly productId: number } | null;
  /** Parts of the video input's label (as V4L2 names it), any of which picks it, without case. */
  readonly labels: readonly string[];
}

export type DeviceTransport = (
  SerialTransport | HidTransport | PcscTransport | UsbAudioTransport | UvcCameraTransport
)['type'];

/** A HID model's protocol: its input reports decoded, and the exchanges that fetch its newest record. */
export interface HidProtocol {
  createDecoder(): StreamDecoder;
  readonly download: OmronDownload;
}

interface EntryOf<K extends DeviceKind, M extends CalibrationProcedure['method']> {
  readonly kind: K;
  /** What the patient's screens, the doctor and the FHIR export call this model. */
  readonly displayName: string;
  /** How a technician checks this model against a reference. */
  readonly calibration: Extract<CalibrationProcedure, { method: M }>;
}

export interface OximeterEntry extends EntryOf<'oximeter', 'simulator-points'> {
  readonly transport: SerialTransport;
  readonly protocol: SerialProtocol;
  readonly simulator: SimulatorModel;
  /** Pleth samples per second in the live stream (PROTOCOLS.md §1). */
  readonly plethRateHz: number;
  /**
   * Time between two decoded frames (ms): the driver waits at least three before calling the line
   * silent (Nonin decodes per 25-frame packet, Masimo sends one line a second).
   */
  readonly framePeriodMs: number;
  /**
   * Another model of this catalogue tried on the same port when this one stays silent (older
   * firmware behind the same cable), or null.
   */
  readonly fallbackModel: string | null;
}

export interface ThermometerEntry extends EntryOf<'thermometer', 'reference-temperature'> {
  readonly transport: SerialTransport;
  readonly protocol: SerialProtocol;
  readonly simulator: SimulatorModel;
}

export interface BloodPressureEntry extends EntryOf<'blood-pressure', 'static-pressure'> {
  readonly transport: HidTransport;
  readonly protocol: HidProtocol;
  readonly simulator: HidSimulatorModel;
}

/**
 * Card readers have no protocol or simulator of their own here: the card service reads any card
 * with drivers/cards, and the virtual Carte Vitale (drivers/simulators/vitale) sits behind pcscd.
 */
export interface CardReaderEntry extends EntryOf<'card-reader', 'none'> {
  readonly transport: PcscTransport;
}

/** A stethoscope: nothing to decode or calibrate, its sound goes to the doctor as it is. */
export interface StethoscopeEntry extends EntryOf<'stethoscope', 'none'> {
  readonly transport: UsbAudioTransport;
  /**
   * In development and tests: the browser's fake audio input of this label stands in for it (fed a
   * synthetic heart sound with Chromium's --use-file-for-fake-audio-capture), and the device is
   * present or unplugged as the config's scenario says (drivers/simulators/usb-audio).
   */
  readonly simulator: { readonly label: string };
}

/** An examination camera: nothing to decode or calibrate, its video goes to the doctor at its native size. */
export interface ExamCameraEntry extends EntryOf<'exam-camera', 'none'> {
  readonly transport: UvcCameraTransport;
  /**
   * In development and tests: the browser's fake video input of this label stands in for it (fed a
   * Y4M file with Chromium's --use-file-for-fake-video-capture), present or unplugged as the
   * config's scenario says.
   */
  readonly simulator: { readonly label: string };
}

/** Everything the kiosk knows of one device model; the kind decides which fields it must have. */
export type DeviceModelEntry =
  OximeterEntry | ThermometerEntry | BloodPressureEntry | CardReaderEntry | StethoscopeEntry | ExamCameraEntry;
