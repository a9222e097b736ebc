import type { DeviceModelId } from '../../common/devices/device-models';
import { contecCms50Legacy } from './contec-cms50-legacy';
import { contecCms50V7 } from './contec-cms50-v7';
import { masimoAscii } from './masimo-ascii';
import { noninFormat2 } from './nonin-format2';
import { noninFormat7 } from './nonin-format7';
import { createHem790itDecoder } from './omron-hem790it';
import { createHem7322uDecoder } from './omron-hem7322u';
import type { SerialProtocol, StreamDecoder } from './types';
import { welchAllynSureTemp } from './welch-allyn-suretemp';

/** Every serial device model's protocol (PROTOCOLS.md §1 and §3.1), by model id. */
export const serialProtocols: Partial<Record<DeviceModelId, SerialProtocol>> = {
  'contec-cms50-legacy': contecCms50Legacy,
  'contec-cms50-v7': contecCms50V7,
  'nonin-format2': noninFormat2,
  'nonin-format7': noninFormat7,
  'masimo-ascii': masimoAscii,
  'welch-allyn-suretemp': welchAllynSureTemp,
};

/**
 * Decoders of non-serial protocols (e.g. the HID engineers' `omron-*`), by protocol id: add an
 * entry here with a small edit so `kioskctl decode` knows them too.
 */
export const extraDecoders: Record<string, () => StreamDecoder> = {
  // USB HID blood-pressure monitors (PROTOCOLS.md §2): push one input report per chunk.
  'omron-hem790it': createHem790itDecoder,
  'omron-hem7322u': createHem7322uDecoder,
};

/** Ids `createStreamDecoder` accepts, sorted (for error messages and `--help`). */
export function knownProtocolIds(): string[] {
  return [...Object.keys(serialProtocols), ...Object.keys(extraDecoders)].sort();
}

/** A fresh stream decoder for a protocol id (a serial model id or an extra decoder), or null if unknown. */
export function createStreamDecoder(protocolId: string): StreamDecoder | null {
  if (Object.hasOwn(serialProtocols, protocolId))
    return serialProtocols[protocolId as DeviceModelId]?.createDecoder() ?? null;
  if (Object.hasOwn(extraDecoders, protocolId)) return extraDecoders[protocolId]!();
  return null;
}
