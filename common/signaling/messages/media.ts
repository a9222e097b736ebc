import { z } from 'zod';
import { method, Nothing, type MethodTable } from './method-table';

// ---------------------------------------------------------------------------------------------
// mediasoup parameters. Only the outer shape is checked here (objects, required keys);
// mediasoup validates the inside itself and its errors come back as `bad-request`.
// ---------------------------------------------------------------------------------------------
const Loose = z.looseObject({});
export const RtpCapabilities = z.looseObject({
  codecs: z.array(Loose).max(64).optional(),
  headerExtensions: z.array(Loose).max(64).optional(),
});
export const RtpParameters = z.looseObject({
  codecs: z.array(Loose).max(64),
  encodings: z.array(Loose).max(16).optional(),
});
export const DtlsParameters = z.looseObject({
  fingerprints: z.array(Loose).min(1).max(8),
  role: z.enum(['auto', 'client', 'server']).optional(),
});
export const IceParameters = z.looseObject({ usernameFragment: z.string(), password: z.string() });
export const IceCandidate = Loose;
export const SctpCapabilities = z.looseObject({ numStreams: z.looseObject({ OS: z.number(), MIS: z.number() }) });
export const SctpParameters = Loose;
export const SctpStreamParameters = z.looseObject({ streamId: z.number().int().min(0).max(65535) });
export const MediaKind = z.enum(['audio', 'video']);
/**
 * What a producer carries (set in the produce request's `source`): the camera, the microphone, or
 * the kiosk's stethoscope, which the console plays apart on the doctor's chosen output, or the
 * kiosk's examination camera (otoscope, dermatoscope), which the console shows in place of the
 * cabin's camera at its native size.
 */
export const MediaSource = z.enum(['camera', 'microphone', 'stethoscope', 'exam-camera']);
export type MediaSource = z.infer<typeof MediaSource>;
export const MediaId = z.string().min(1).max(64);
/**
 * A TURN server for the client's RTCPeerConnection (the RTCIceServer shape): the platform mints a
 * time-limited credential per transport and again on each ICE restart. Empty list: no TURN.
 */
export const IceServer = z.object({
  urls: z
    .array(z.string().regex(/^turns?:/))
    .min(1)
    .max(8),
  username: z.string().max(200),
  credential: z.string().max(200),
});
export type IceServer = z.infer<typeof IceServer>;
/**
 * A TURN server the browser could not use (RTCPeerConnectionIceErrorEvent): 401 = the credential
 * was refused, 701 = the server could not be reached. Reported so the platform's log names the cause.
 */
export const IceServerError = z.object({
  url: z.string().max(300),
  code: z.number().int().min(0).max(999),
  text: z.string().max(200),
});
export type IceServerError = z.infer<typeof IceServerError>;

/** A producer the other side can consume. `source` is null for data producers. */
export const ProducerInfo = z.object({ producerId: MediaId, kind: MediaKind, source: MediaSource });
export type ProducerInfo = z.infer<typeof ProducerInfo>;
export const DataProducerInfo = z.object({ dataProducerId: MediaId, label: z.string().max(100) });
export type DataProducerInfo = z.infer<typeof DataProducerInfo>;

/**
 * Media negotiation, the same for the kiosk and the doctor once both are in the consultation's room.
 * Order: get-router-capabilities → Device.load → create-transport (send, recv) → on the transport's
 * 'connect' event connect-transport → on 'produce' produce (→ producerId) → for each `new-producer`
 * event consume (paused) → resume-consumer once the local consumer exists.
 */
export const MediaMethods = {
  'get-router-capabilities': method({}, z.object({ rtpCapabilities: RtpCapabilities })),
  'create-transport': method(
    { direction: z.enum(['send', 'recv']), sctpCapabilities: SctpCapabilities.optional() },
    z.object({
      transportId: MediaId,
      iceParameters: IceParameters,
      iceCandidates: z.array(IceCandidate),
      dtlsParameters: DtlsParameters,
      sctpParameters: SctpParameters.nullable(),
      /** Pass to createSendTransport/createRecvTransport as `iceServers`. */
      iceServers: z.array(IceServer).max(4),
    }),
  ),
  'connect-transport': method({ transportId: MediaId, dtlsParameters: DtlsParameters }, Nothing),
  produce: method(
    { transportId: MediaId, kind: MediaKind, rtpParameters: RtpParameters, source: MediaSource },
    z.object({ producerId: MediaId }),
  ),
  'close-producer': method({ producerId: MediaId }, Nothing),
  'produce-data': method(
    {
      transportId: MediaId,
      sctpStreamParameters: SctpStreamParameters,
      label: z.string().max(100),
      protocol: z.string().max(100),
    },
    z.object({ dataProducerId: MediaId }),
  ),
  /** Creates the consumer paused; call resume-consumer once the client-side consumer exists. */
  consume: method(
    { transportId: MediaId, producerId: MediaId, rtpCapabilities: RtpCapabilities },
    z.object({
      consumerId: MediaId,
      producerId: MediaId,
      kind: MediaKind,
      rtpParameters: RtpParameters,
      source: MediaSource,
    }),
  ),
  'resume-consumer': method({ consumerId: MediaId }, Nothing),
  'consume-data': method(
    { transportId: MediaId, dataProducerId: MediaId },
    z.object({
      dataConsumerId: MediaId,
      dataProducerId: MediaId,
      sctpStreamParameters: SctpStreamParameters,
      label: z.string(),
      protocol: z.string(),
    }),
  ),
  /**
   * New ICE credentials for a transport after a network change, with fresh TURN credentials: the
   * client calls transport.updateIceServers({ iceServers }) then transport.restartIce.
   */
  'restart-ice': method(
    { transportId: MediaId },
    z.object({ iceParameters: IceParameters, iceServers: z.array(IceServer).max(4) }),
  ),
  /** Producers and data producers of the other side currently in the room (after a rejoin). */
  'list-producers': method(
    {},
    z.object({ producers: z.array(ProducerInfo), dataProducers: z.array(DataProducerInfo) }),
  ),
} satisfies MethodTable;

export type MediaMethods = typeof MediaMethods;
