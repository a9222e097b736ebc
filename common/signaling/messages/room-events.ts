import { z } from 'zod';
import { PeerState } from '../../consultation/media-state';
import { Prescription } from '../../consultation/prescription';
import { ResponseFrame, SignalError } from './frames';
import { DataProducerInfo, MediaId, ProducerInfo } from './media';

/** An event frame's schema: its `type` and its payload. */
export const E = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

/** Events both sides get inside a consultation room. */
export const RoomEvents = [
  /** The other side produced media: consume it. */
  E('new-producer', { consultationId: z.string(), producer: ProducerInfo }),
  /** A producer or data producer of the other side closed: drop its consumer. */
  E('producer-closed', { consultationId: z.string(), producerId: MediaId }),
  /** The other side produced data (the kiosk's vitals channels): consume-data it. */
  E('new-data-producer', { consultationId: z.string(), dataProducer: DataProducerInfo }),
  /**
   * The other side's connection: 'reconnecting' while its socket is down or its media reports it
   * (grace period), 'audio-only' when its video cannot pass, 'gone' when the grace period ran out.
   */
  E('peer-state', {
    consultationId: z.string(),
    peer: z.enum(['kiosk', 'doctor']),
    state: PeerState,
  }),
  /**
   * The media room was recreated (its media worker died): close your transports, producers and
   * consumers and negotiate again from get-router-capabilities. The consultation goes on.
   */
  E('media-reset', { consultationId: z.string() }),
  /** The consultation ended (by the doctor, by the kiosk leaving, or the grace period running out). */
  E('call-ended', {
    consultationId: z.string(),
    reason: z.enum(['doctor-ended', 'kiosk-left', 'connection-lost']),
    prescription: Prescription.nullable(),
  }),
  /** Something went wrong outside a request (e.g. the socket's session expired). */
  E('error', { error: SignalError }),
] as const;

/** Every frame the platform sends one side: a response, or one of that side's events. */
export function platformFrames<
  const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(events: T) {
  return z.union([ResponseFrame, z.discriminatedUnion('type', events)]);
}
