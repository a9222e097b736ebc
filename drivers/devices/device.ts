import type { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { PlethChunk } from '../../common/devices/measurement';
import type { DeviceModelId } from '../catalogue/device-catalogue';
import type { DecodedFrame } from '../protocols/types';

/**
 * A reading as a device reports it, before the manager stamps it with an id, the calibration state
 * and the session. `final` marks a spot-check result (stable SpO2, predicted temperature, a
 * downloaded BP record); non-final readings are live values for the screen and the doctor.
 */
export type DeviceReading = Extract<DecodedFrame, { type: 'oximetry' | 'temperature' | 'blood-pressure' }> & {
  final: boolean;
  takenAt: string;
  /** For a live reading during a spot check: 0–1 progress towards the final one; else null/absent. */
  progress?: number | null;
};

/** Events of a device; keys are past tense. */
export interface DeviceEvents {
  /** The connection state changed (connected, disconnected after an unplug, error with a reason). */
  statusChanged: [Pick<DeviceStatus, 'state' | 'reason'>];
  /** A decoded reading (live or final). */
  readingReceived: [DeviceReading];
  /** Live waveform samples (oximeters). */
  plethReceived: [PlethChunk];
  /** Every frame as decoded, with its raw bytes, for the technician's monitor. */
  frameDecoded: [DecodedFrame];
  /**
   * The spot check asked by `startMeasurement` cannot give a reading: `code` is a QualityFlag
   * ('finger-out', 'probe-error', 'searching', 'low-perfusion', 'cuff-error', 'no-record', …) or
   * 'timeout' / 'no-signal'. No final reading follows for that measurement.
   */
  measurementFailed: [{ code: string }];
}

/**
 * The contract every device implementation meets, whatever its transport. Consumers (the device
 * manager) depend only on this. Methods never throw for device trouble: it is reported through
 * `statusChanged` with a reason, so a failing device can never crash the kiosk.
 */
export interface KioskDevice extends EventEmitter<DeviceEvents> {
  readonly id: string;
  readonly model: DeviceModelId;
  /**
   * The firmware version the device itself reported (a HID descriptor's release number); null or
   * absent when its transport gives none. Versions inside frames are read by the device manager.
   */
  readonly firmware?: string | null;
  /** Opens the transport and starts streaming/polling; resolves once connected or failed. */
  open(): Promise<void>;
  /** Stops and releases the transport; idempotent. */
  close(): Promise<void>;
  /**
   * Asks for a spot-check measurement: oximeter and thermometer start a settling window and emit a
   * `final` reading; the blood-pressure monitor waits for START and downloads the newest record.
   */
  startMeasurement(): Promise<void>;
  cancelMeasurement(): Promise<void>;
}
