import { z } from 'zod';
import { EnvelopeSchema } from './envelope';

/**
 * Frames of the web host's WebSocket (the browser shell's stand-in for Electron IPC).
 * The channel names and payloads are those of contract.ts; this file only adds the framing.
 */
export const WsClientFrame = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  request: z.unknown(),
});
export type WsClientFrame = z.infer<typeof WsClientFrame>;

export const WsServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), envelope: EnvelopeSchema }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
]);
export type WsServerFrame = z.infer<typeof WsServerFrame>;

/** Path of the kiosk API socket on the web host; the per-launch token goes in `?token=`. */
export const KIOSK_WS_PATH = '/kiosk-api';
