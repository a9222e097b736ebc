import { assertUnreachable } from '../../common/util/assert-unreachable';
import type { DecodedFrame } from '../../drivers/protocols/types';
import { loadKioskConfig } from '../../kiosk-config/kiosk-dirs';
import type { KioskConfig } from '../../kiosk-config/schema';

/** Loads the kiosk config the way the web host does (same variables, same defaults). */
export function loadDeviceConfig(path: string | undefined): KioskConfig {
  return loadKioskConfig(path).config;
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
    default:
      return assertUnreachable(frame, 'frame');
  }
}
