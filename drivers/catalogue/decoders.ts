import type { StreamDecoder } from '../protocols/types';
import { DEVICE_CATALOGUE, DEVICE_MODEL_IDS, isDeviceModelId } from './device-catalogue';

/** Model ids that have a byte protocol `createStreamDecoder` knows, sorted (for messages and `--help`). */
export function knownProtocolIds(): string[] {
  return DEVICE_MODEL_IDS.filter((id) => 'protocol' in DEVICE_CATALOGUE[id]).sort();
}

/**
 * A fresh decoder for a model's protocol, or null if the model is unknown or has none. Serial
 * protocols take the bytes as read; HID ones one input report per chunk.
 */
export function createStreamDecoder(modelId: string): StreamDecoder | null {
  if (!isDeviceModelId(modelId)) return null;
  const entry = DEVICE_CATALOGUE[modelId];
  return 'protocol' in entry ? entry.protocol.createDecoder() : null;
}
