import type { QualityFlag } from '../../common/devices/measurement';
import { temperatureFrame, toHex } from './frames';
import { createScanningDecoder, frame, needMore, skip, type Match, type Matcher } from './scanner';
import { type DecodedFrame, serialProtocol, type StreamDecoder } from './types';

/**
 * Welch Allyn SureTemp Plus OEM module, PROTOCOLS.md §3.1: 9600 8N1, host-initiated
 * command/response. Block = preamble 03 02 10 | command code (2 bytes, high first) | type
 * (01 command, 02 good response, 03 NAK) | data size (2 bytes little-endian) | data | checksum,
 * where every byte including the checksum sums to 0 mod 256.
 */
export const SURETEMP_PREAMBLE = [0x03, 0x02, 0x10] as const;
export const SURETEMP_HEADER_LENGTH = 8;
/** Larger than any block the module sends (the temperature record has 19 data bytes). */
export const SURETEMP_MAX_DATA = 64;
export const KELVIN_OFFSET = 273.15;

export const SURETEMP_TYPE = { command: 0x01, response: 0x02, nak: 0x03 } as const;
export type SureTempBlockType = (typeof SURETEMP_TYPE)[keyof typeof SURETEMP_TYPE];

export const SURETEMP_CODES = {
  setMethod: 0x2a12,
  lockProbeSwitch: 0x3503,
  temperatureRecord: 0x941c,
} as const;

export const SURETEMP_METHOD = { predictive: 0x00, monitor: 0x01 } as const;

export function sumToZero(bytes: readonly number[] | Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum += b;
  return (0x100 - (sum & 0xff)) & 0xff;
}

export function encodeSureTempBlock(
  code: number,
  type: SureTempBlockType,
  data: Uint8Array | readonly number[] = [],
): Uint8Array {
  const bytes = [
    ...SURETEMP_PREAMBLE,
    (code >> 8) & 0xff,
    code & 0xff,
    type,
    data.length & 0xff,
    (data.length >> 8) & 0xff,
    ...data,
  ];
  return Uint8Array.of(...bytes, sumToZero(bytes));
}

/** Host commands (§3.1). */
export const sureTempCommands = {
  /** "Send temperature record" (94 1C): the poll request; the answer refreshes every 173 ms. */
  temperatureRecord: (): Uint8Array => encodeSureTempBlock(SURETEMP_CODES.temperatureRecord, SURETEMP_TYPE.command),
  /** "Set temperature method" (2A 12): 00 predictive, 01 monitor. */
  setMethod: (method: number): Uint8Array =>
    encodeSureTempBlock(SURETEMP_CODES.setMethod, SURETEMP_TYPE.command, [method & 0xff]),
  /**
   * "Lock probe switch" (35 03). The data byte's meaning (01 lock, 00 unlock) is our reading of
   * the manual's command list, not confirmed on a device.
   */
  lockProbeSwitch: (lock: boolean): Uint8Array =>
    encodeSureTempBlock(SURETEMP_CODES.lockProbeSwitch, SURETEMP_TYPE.command, [lock ? 1 : 0]),
};

/** The 19-byte temperature record (94 1C response), little-endian. */
export interface SureTempRecord {
  /** Final/predicted temperature in kelvin; 0 while there is no final reading yet. */
  finalKelvin: number;
  /** Current probe temperature in kelvin. */
  probeKelvin: number;
  sampleCount: number;
  /** 0 predict */
  method: number;
  /** 0 oral */
  algorithm: number;
  /** 2 = ready */
  state: number;
  /** 0 = none */
  errorCode: number;
  active: boolean;
  /** 0 oral/axillary */
  probeType: number;
}

export const SURETEMP_RECORD_LENGTH = 19;

export function encodeSureTempRecord(r: SureTempRecord): Uint8Array {
  const data = new Uint8Array(SURETEMP_RECORD_LENGTH);
  const view = new DataView(data.buffer);
  view.setFloat32(0, r.finalKelvin, true);
  view.setFloat32(4, r.probeKelvin, true);
  view.setUint32(8, r.sampleCount >>> 0, true);
  view.setUint8(12, r.method);
  view.setUint8(13, r.algorithm);
  view.setUint8(14, r.state);
  view.setUint16(15, r.errorCode, true);
  view.setUint8(17, r.active ? 1 : 0);
  view.setUint8(18, r.probeType);
  return data;
}

export function decodeSureTempRecord(data: Uint8Array): SureTempRecord {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return {
    finalKelvin: view.getFloat32(0, true),
    probeKelvin: view.getFloat32(4, true),
    sampleCount: view.getUint32(8, true),
    method: view.getUint8(12),
    algorithm: view.getUint8(13),
    state: view.getUint8(14),
    errorCode: view.getUint16(15, true),
    active: view.getUint8(17) !== 0,
    probeType: view.getUint8(18),
  };
}

const toCelsius = (kelvin: number) => Math.round((kelvin - KELVIN_OFFSET) * 100) / 100;

function recordFrame(data: Uint8Array, raw: Uint8Array): DecodedFrame {
  const r = decodeSureTempRecord(data);
  const flags: QualityFlag[] = r.errorCode !== 0 ? ['probe-error'] : [];
  // A final temperature of 0 K means "no final reading yet": report the live probe temperature.
  const final = r.finalKelvin !== 0;
  return temperatureFrame({ celsius: toCelsius(final ? r.finalKelvin : r.probeKelvin), final, flags, raw });
}

function blockFrame(code: number, type: number, data: Uint8Array, raw: Uint8Array): DecodedFrame | null {
  const command = toHex(Uint8Array.of(code >> 8, code & 0xff), '');
  if (type === SURETEMP_TYPE.response && code === SURETEMP_CODES.temperatureRecord) {
    return data.length === SURETEMP_RECORD_LENGTH ? recordFrame(data, raw) : null;
  }
  const status = type === SURETEMP_TYPE.nak ? 'nak' : type === SURETEMP_TYPE.response ? 'ack' : 'command';
  return { type: 'status', status, detail: { command, data: toHex(data, '') }, raw };
}

const sureTempMatcher: Matcher = {
  match(buf, start): Match {
    for (let i = 0; i < SURETEMP_PREAMBLE.length; i++) {
      const b = buf[start + i];
      if (b === undefined) return needMore;
      if (b !== SURETEMP_PREAMBLE[i]) return skip(1, i === 0 ? 'garbage' : 'bad-sync');
    }
    const type = buf[start + 5];
    if (type !== undefined && (type < SURETEMP_TYPE.command || type > SURETEMP_TYPE.nak)) return skip(1, 'bad-sync');
    if (buf.length - start < SURETEMP_HEADER_LENGTH) return needMore;
    const size = buf[start + 6]! | (buf[start + 7]! << 8);
    if (size > SURETEMP_MAX_DATA) return skip(1, 'bad-sync');
    const length = SURETEMP_HEADER_LENGTH + size + 1;
    if (buf.length - start < length) return needMore;
    const raw = buf.slice(start, start + length);
    if (sumToZero(raw) !== 0) return skip(1, 'bad-checksum');
    const code = (raw[3]! << 8) | raw[4]!;
    const decoded = blockFrame(code, type!, raw.subarray(SURETEMP_HEADER_LENGTH, length - 1), raw);
    return decoded ? frame(length, decoded) : skip(length, 'unexpected');
  },
};

export function createSureTempDecoder(): StreamDecoder {
  return createScanningDecoder(sureTempMatcher);
}

export const welchAllynSureTemp = serialProtocol({
  createDecoder: createSureTempDecoder,
  // Predictive mode on open: the simulator also starts a new measurement cycle on this command.
  startCommand: sureTempCommands.setMethod(SURETEMP_METHOD.predictive),
  // The record refreshes every 173 ms (§3.1); polling at 250 ms keeps the live value fresh.
  poll: { request: sureTempCommands.temperatureRecord(), intervalMs: 250, timeoutMs: 500 },
});
