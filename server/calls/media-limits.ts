/**
 * What one peer of a consultation room may hold at once, kiosk and doctor alike. A peer needs a send
 * and a receive transport, a camera, a microphone and a few examination streams, the kiosk two data
 * channels (vitals-live, vitals-results) and the doctor their consumers; the numbers leave room for
 * a renegotiation. Past them is a client gone wrong, or one using up the media server's ports and
 * memory: the request is refused with `limit-reached` and the room goes on.
 */
export const PEER_MEDIA_LIMITS = {
  transports: 4,
  producers: 6,
  consumers: 12,
  dataProducers: 4,
  dataConsumers: 4,
} as const;

export type PeerMediaLimit = keyof typeof PEER_MEDIA_LIMITS;
