import { z } from 'zod';
import { Prescription, PrescriptionLine } from '../consultation/prescription';
import { DeviceStatus } from '../devices/device-status';
import { Measurement } from '../devices/measurement';
import { Specialty } from '../flow/care-pathway';
import { MeasurementKind } from '../devices/kinds';
import { PatientIdentity } from '../identity/identity';
import { CallTicket } from './call-ticket';
import { DevicesEnvelope, MeasurementEnvelope, MeasurementFailedEnvelope } from './vitals';
import { MediaState, PeerState } from '../consultation/media-state';

/**
 * The platform's signalling protocol: one WebSocket per kiosk screen or doctor console, JSON text
 * frames, every frame validated with these schemas on receipt (both sides). See README.md here.
 *
 * Three frame shapes:
 * - request (client → platform): `{ type: <method>, id: <correlation id>, ...params }`;
 * - response (platform → client): `{ type: 'response', id, ok: true, result }` or
 *   `{ type: 'response', id, ok: false, error: { code, message } }` — exactly one per request;
 * - event (platform → client): `{ type: <event>, ...payload }` pushed at any time.
 *
 * The method tables (KioskMethods, DoctorMethods) pair each request schema with its result schema,
 * so a client can type `request('produce', {...})` and validate what comes back.
 */

/** Path of the signalling WebSocket on the platform's HTTP server. */
export const SIGNALING_PATH = '/signal';
/** Frames larger than this are refused (and the socket closed with 1009). */
export const MAX_SIGNAL_FRAME_BYTES = 256 * 1024;

/** Client-chosen correlation id, echoed in the response. */
export const RequestId = z.string().min(1).max(64);

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
/** What a producer carries: the camera, the microphone (set in the produce request's `source`). */
export const MediaSource = z.enum(['camera', 'microphone']);
export const MediaId = z.string().min(1).max(64);

/** Error codes of a refused request or an unsolicited `error` event. */
export const SignalErrorCode = z.enum([
  /** The frame is not JSON, or does not match any message (the message names the bad field). */
  'bad-message',
  /** Well-formed but refused by mediasoup or the room (e.g. unknown transport id). */
  'bad-request',
  /** Not signed in, bad credentials, expired session or ticket. */
  'unauthorised',
  /** Signed in but not allowed (e.g. a doctor acting on another doctor's consultation). */
  'forbidden',
  'not-found',
  /** The state does not allow it (e.g. accepting a consultation already taken). */
  'conflict',
  'internal',
]);
export type SignalErrorCode = z.infer<typeof SignalErrorCode>;
export const SignalError = z.object({ code: SignalErrorCode, message: z.string().max(500) });
export type SignalError = z.infer<typeof SignalError>;

// ---------------------------------------------------------------------------------------------
// Domain shapes shared by both sides.
// ---------------------------------------------------------------------------------------------

/** A doctor as the kiosk and the console see them. */
export const DoctorInfo = z.object({
  id: z.string(),
  /** Display name, e.g. "Dr Claire Martin". */
  name: z.string().min(1).max(120),
  /** RPPS number, 11 digits (printed on prescriptions). */
  rpps: z.string().regex(/^\d{11}$/),
});
export type DoctorInfo = z.infer<typeof DoctorInfo>;

/** Where a consultation is. */
export const ConsultationState = z.enum(['waiting', 'in-call', 'ended']);
export type ConsultationState = z.infer<typeof ConsultationState>;

/** One patient waiting, as the doctors' queue shows it (no identity: that comes with accept). */
export const QueueItem = z.object({
  consultationId: z.string(),
  kioskId: z.string(),
  ageYears: z.number().int().min(0).max(130),
  specialty: Specialty,
  reason: z.string().max(1000),
  /** ISO 8601 time the patient joined the queue. */
  waitingSince: z.string(),
  /** 1-based position. */
  position: z.number().int().min(1),
  /** False while the kiosk's socket is down (it keeps its place for a grace period). */
  kioskConnected: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** The prescription as the doctor writes it; the platform adds the number, date, doctor and QR. */
export const PrescriptionDraft = z.object({ lines: z.array(PrescriptionLine).min(1).max(30) });
export type PrescriptionDraft = z.infer<typeof PrescriptionDraft>;

/** The consultation report the doctor gets when the call ends (and the platform keeps). */
export const ConsultationReport = z.object({
  consultationId: z.string(),
  kioskId: z.string(),
  sessionId: z.string(),
  doctor: DoctorInfo,
  specialty: Specialty,
  reason: z.string(),
  acceptedAt: z.string(),
  endedAt: z.string(),
  durationSeconds: z.number().min(0),
  identityVerified: z.boolean(),
  /** Measurements the kiosk sent during the call (reliable channel copies). */
  measurements: z.array(Measurement),
  notes: z.string(),
  prescription: Prescription.nullable(),
});
export type ConsultationReport = z.infer<typeof ConsultationReport>;

/** A producer the other side can consume. `source` is null for data producers. */
export const ProducerInfo = z.object({ producerId: MediaId, kind: MediaKind, source: MediaSource });
export type ProducerInfo = z.infer<typeof ProducerInfo>;
export const DataProducerInfo = z.object({ dataProducerId: MediaId, label: z.string().max(100) });
export type DataProducerInfo = z.infer<typeof DataProducerInfo>;

// ---------------------------------------------------------------------------------------------
// Method tables.
// ---------------------------------------------------------------------------------------------
type Method = { request: z.ZodObject; result: z.ZodType };
const method = <P extends z.ZodRawShape, R extends z.ZodType>(params: P, result: R) => ({
  request: z.strictObject(params),
  result,
});
const Nothing = z.object({});

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
  /** New ICE credentials for a transport after a network change; the client calls transport.restartIce. */
  'restart-ice': method({ transportId: MediaId }, z.object({ iceParameters: IceParameters })),
  /** Producers and data producers of the other side currently in the room (after a rejoin). */
  'list-producers': method(
    {},
    z.object({ producers: z.array(ProducerInfo), dataProducers: z.array(DataProducerInfo) }),
  ),
} satisfies Record<string, Method>;

/** Requests a kiosk screen may send. The first must be `join-queue`; anything else before it is refused. */
export const KioskMethods = {
  /**
   * Joins (or, with the same sessionId after a network cut, rejoins) the waiting queue. The token is
   * the CallTicket's short-lived token. A rejoin of a consultation already in call returns
   * state 'in-call': the kiosk renegotiates its media (new transports) in the same room.
   */
  'join-queue': method(
    {
      token: CallTicket.shape.token,
      sessionId: CallTicket.shape.sessionId,
      queueEntry: CallTicket.shape.queueEntry,
      /** The identity for the doctor to check against the face (shown only after accept). */
      identity: PatientIdentity.nullable(),
      /** The kiosk's devices, so the doctor sees which measurements are possible. */
      devices: z.array(DeviceStatus).max(20),
    },
    z.object({
      consultationId: z.string(),
      state: ConsultationState,
      position: z.number().int().min(0),
      estimatedWaitMinutes: z.number().min(0),
      /** Set when state is 'in-call' (a rejoin). */
      doctor: DoctorInfo.nullable(),
    }),
  ),
  'leave-queue': method({}, Nothing),
  /** Device availability changed (a device unplugged, calibration expired). */
  'update-devices': method({ devices: z.array(DeviceStatus).max(20) }, Nothing),
  /** The kiosk's media situation, shown to the doctor ("reconnecting", "audio only"). */
  'report-media-state': method({ state: MediaState }, Nothing),
  ...MediaMethods,
} satisfies Record<string, Method>;

/** Requests a doctor console may send. The first must be `sign-in` or `resume-session`. */
export const DoctorMethods = {
  'sign-in': method(
    { email: z.email().max(200), password: z.string().min(1).max(200) },
    z.object({ token: z.string(), expiresAt: z.string(), doctor: DoctorInfo }),
  ),
  /** Re-attaches a socket to a session (after a reload or a reconnect) with its token. */
  'resume-session': method(
    { token: z.string().min(16).max(200) },
    z.object({ token: z.string(), expiresAt: z.string(), doctor: DoctorInfo }),
  ),
  'sign-out': method({}, Nothing),
  /** Starts `queue-list` events; returns the current list at once. */
  'subscribe-queue': method({}, z.object({ entries: z.array(QueueItem), doctorsOnline: z.number().int().min(0) })),
  /** Takes a patient; the kiosk gets `doctor-accepted`. Then negotiate media (MediaMethods). */
  accept: method(
    { consultationId: z.string().min(1).max(64) },
    z.object({
      consultationId: z.string(),
      kioskId: z.string(),
      queueEntry: CallTicket.shape.queueEntry,
      identity: PatientIdentity.nullable(),
      devices: z.array(DeviceStatus),
      /** Measurements already received (non-empty after a console reload mid-call). */
      measurements: z.array(Measurement),
    }),
  ),
  /** Re-enters the doctor's own consultation in call (after a console reload); same result as accept. */
  rejoin: method(
    { consultationId: z.string().min(1).max(64) },
    z.object({
      consultationId: z.string(),
      kioskId: z.string(),
      queueEntry: CallTicket.shape.queueEntry,
      identity: PatientIdentity.nullable(),
      devices: z.array(DeviceStatus),
      measurements: z.array(Measurement),
    }),
  ),
  /** Asks the kiosk to guide the patient through a measurement. */
  'request-measurement': method({ consultationId: z.string().min(1).max(64), kind: MeasurementKind }, Nothing),
  /** The doctor checked the identity against the face (or says it does not match). */
  'verify-identity': method({ consultationId: z.string().min(1).max(64), verified: z.boolean() }, Nothing),
  /** Replaces the consultation's notes (the console saves as the doctor types, debounced). */
  'save-notes': method({ consultationId: z.string().min(1).max(64), notes: z.string().max(20000) }, Nothing),
  /** Ends the call; the platform numbers the prescription and sends it to the kiosk. */
  'end-call': method(
    {
      consultationId: z.string().min(1).max(64),
      prescription: PrescriptionDraft.nullable(),
      notes: z.string().max(20000),
    },
    z.object({ report: ConsultationReport }),
  ),
  ...MediaMethods,
} satisfies Record<string, Method>;

export type MediaMethods = typeof MediaMethods;
export type KioskMethods = typeof KioskMethods;
export type DoctorMethods = typeof DoctorMethods;
export type KioskMethodName = keyof KioskMethods;
export type DoctorMethodName = keyof DoctorMethods;

/** zod types an empty object as Record<string, never>; as a params/result type that means "nothing". */
type Shape<T> = string extends keyof T ? Record<never, never> : T;
/** The params of a method (what goes beside `type` and `id`). */
export type ParamsOf<M extends Record<string, Method>, K extends keyof M> = Shape<z.input<M[K]['request']>>;
/** The result of a method. */
export type ResultOf<M extends Record<string, Method>, K extends keyof M> = Shape<z.output<M[K]['result']>>;
/** A request frame of a method table. */
export type RequestFrame<M extends Record<string, Method>> = {
  [K in keyof M & string]: { type: K; id: string } & Shape<z.output<M[K]['request']>>;
}[keyof M & string];

function requestUnion<M extends Record<string, Method>>(methods: M): z.ZodType<RequestFrame<M>> {
  const options = Object.entries(methods).map(([type, m]) =>
    m.request.extend({ type: z.literal(type), id: RequestId }),
  );
  // The mapped type above describes exactly these objects; zod cannot infer it from a runtime map.
  return z.discriminatedUnion('type', options as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<
    RequestFrame<M>
  >;
}

/** Every frame a kiosk may send. */
export const KioskToPlatform = requestUnion(KioskMethods);
export type KioskToPlatform = RequestFrame<KioskMethods>;
/** Every frame a doctor console may send. */
export const DoctorToPlatform = requestUnion(DoctorMethods);
export type DoctorToPlatform = RequestFrame<DoctorMethods>;

// ---------------------------------------------------------------------------------------------
// Platform → client.
// ---------------------------------------------------------------------------------------------

/** The answer to one request; validate `result` with the method's result schema. */
export const ResponseFrame = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: RequestId, ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('response'), id: RequestId, ok: z.literal(false), error: SignalError }),
]);
export type ResponseFrame = z.infer<typeof ResponseFrame>;

const E = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

/** Events both sides get inside a consultation room. */
const RoomEvents = [
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

/** Every frame the platform sends a kiosk. */
export const PlatformToKiosk = z.union([
  ResponseFrame,
  z.discriminatedUnion('type', [
    /** Honest wait: sent on join and whenever the position or estimate changes. */
    E('queue-updated', {
      consultationId: z.string(),
      /** 1-based place in the queue for the requested specialty. */
      position: z.number().int().min(0),
      /** Whole minutes, from recent consultation durations and doctors online (0 = any moment). */
      estimatedWaitMinutes: z.number().min(0),
      doctorsOnline: z.number().int().min(0),
    }),
    E('doctor-accepted', { consultationId: z.string(), doctor: DoctorInfo }),
    E('measurement-requested', { consultationId: z.string(), kind: MeasurementKind }),
    E('identity-verified', { consultationId: z.string(), verified: z.boolean() }),
    ...RoomEvents,
  ]),
]);
export type PlatformToKiosk = z.infer<typeof PlatformToKiosk>;

/** Every frame the platform sends a doctor console. */
export const PlatformToDoctor = z.union([
  ResponseFrame,
  z.discriminatedUnion('type', [
    /** The whole queue, sent after subscribe-queue and on every change. */
    E('queue-list', { entries: z.array(QueueItem), doctorsOnline: z.number().int().min(0) }),
    E('kiosk-devices', { consultationId: z.string(), devices: z.array(DeviceStatus) }),
    /**
     * A reliable vitals message of the kiosk (a measurement, a failed one, the device list) relayed
     * by the platform as it passes its results channel: the console's own data consumer may not be
     * ready yet (a reload, a rejoin), and a result must never be lost. Apply it like the channel's.
     */
    E('kiosk-result', {
      consultationId: z.string(),
      result: z.discriminatedUnion('type', [MeasurementEnvelope, MeasurementFailedEnvelope, DevicesEnvelope]),
    }),
    /** The session expired or was signed out elsewhere; sign in again. */
    E('session-ended', { reason: z.enum(['expired', 'signed-out']) }),
    ...RoomEvents,
  ]),
]);
export type PlatformToDoctor = z.infer<typeof PlatformToDoctor>;

/** Event frames only (no responses), by side. */
export type KioskEvent = Exclude<PlatformToKiosk, ResponseFrame>;
export type DoctorEvent = Exclude<PlatformToDoctor, ResponseFrame>;

/**
 * Parses a text frame: JSON then the schema. Returns a readable reason naming the bad field
 * (never the frame's content, which may hold patient data).
 */
export function parseFrame<T>(
  schema: z.ZodType<T>,
  text: string,
): { ok: true; value: T } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'frame';
  return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}` };
}
