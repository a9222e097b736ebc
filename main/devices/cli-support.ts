import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DecodedFrame } from '../../drivers/protocols/types';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../kiosk-config/load';
import type { KioskConfig } from '../../kiosk-config/schema';

const ROOT = resolve(import.meta.dirname, '../..');

/** The runtime dir the kiosk web host and `npm start` use (simulator ptys live there). */
export function defaultRuntimeDir(): string {
  return process.env.KIOSK_RUNTIME_DIR ?? join(tmpdir(), `kiosk-${process.getuid?.() ?? 'user'}`);
}

/** Loads the kiosk config the way the web host does (same variables, same defaults). */
export function loadDeviceConfig(path: string | undefined): KioskConfig {
  const runtimeDir = defaultRuntimeDir();
  mkdirSync(runtimeDir, { recursive: true });
  const env = {
    ...process.env,
    KIOSK_RUNTIME_DIR: runtimeDir,
    KIOSK_DATA_DIR: process.env.KIOSK_DATA_DIR ?? join(ROOT, '.kiosk-data'),
  };
  return loadConfig(path ?? process.env.KIOSK_CONFIG ?? DEFAULT_CONFIG_PATH, env);
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

/** A frame without its raw bytes (shown separately in hex), for JSON output. */
export function frameFields(frame: DecodedFrame): Record<string, unknown> {
  const { raw: _raw, ...fields } = frame;
  return fields;
}

/** One line a technician reads: what the frame says, in short. */
export function describeFrame(frame: DecodedFrame): string {
  const flags = 'flags' in frame && frame.flags.length > 0 ? ` flags=${frame.flags.join(',')}` : '';
  switch (frame.type) {
    case 'oximetry':
      return `oximetry spo2=${frame.spo2 ?? '--'} pulse=${frame.pulseRate ?? '--'} pi=${frame.perfusionIndex ?? '--'} pleth=[${frame.pleth.map((p) => Math.round(p)).join(',')}]${flags}${frame.valid ? '' : ' INVALID'}`;
    case 'temperature':
      return `temperature ${frame.celsius === null ? '--' : `${frame.celsius.toFixed(2)} °C`}${frame.final ? ' FINAL' : ''}${flags}${frame.valid ? '' : ' INVALID'}`;
    case 'blood-pressure':
      return `blood-pressure ${frame.systolic ?? '--'}/${frame.diastolic ?? '--'} mmHg pulse=${frame.pulseRate ?? '--'}${flags}${frame.valid ? '' : ' INVALID'}`;
    case 'status':
      return `status ${frame.status} ${JSON.stringify(frame.detail)}`;
    case 'error':
      return `error ${frame.reason}`;
  }
}
