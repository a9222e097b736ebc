import { z } from 'zod';
import { SignalErrorCode } from '../../common/signaling/messages';
import { DataProducerInfo, MediaId, MediaMethods, ProducerInfo } from '../../common/signaling/messages/media';
import { createLogger } from '../../common/util/logger';
import type { MediaRequest } from '../calls/room';

const log = createLogger('platform:media-rpc');

/**
 * The media RPC between the call node and the media nodes hosting its rooms, over the signed bus
 * (bus-envelope.ts refuses forged, stale and replayed messages before these schemas see them). The
 * call node ("owner") opens a room on a media node ("host"), passes each peer's media request to it
 * and gets the answer back; the host sends the room's notices, the kiosk's vitals tapped and the
 * room's loss to the owner. Every frame names the node it is for (`to`): all nodes hear all.
 */
export const MEDIA_TOPIC = 'media';
/** Each node's media load, every MEDIA_BEAT_MS: the placement's table and the liveness of media nodes. */
export const MEDIA_LOAD_TOPIC = 'media.load';
export const MEDIA_BEAT_MS = 1_000;
/** A media node not heard of this long is gone: its rooms are reopened elsewhere, it gets no new ones. */
export const MEDIA_SILENT_MS = 3_000;
/** A new room goes only to a node heard of this recently (its last beat or the one before). */
export const MEDIA_PLACE_FRESH_MS = 2_500;

const NodeId = z.string().min(1).max(64);
/** A room's id (the owner's, one per room opened: a replaced room has a new one). */
const RoomId = z.uuid();
/** A request's correlation id. */
const CallId = z.uuid();
const Role = z.enum(['kiosk', 'doctor']);

/** Any media request, as the signalling validated it: its type and params, no frame id. */
const MediaRequestBody = z.discriminatedUnion(
  'type',
  Object.entries(MediaMethods).map(([type, m]) => m.request.extend({ type: z.literal(type) })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
);

const Notice = z.discriminatedUnion('type', [
  z.object({ type: z.literal('new-producer'), producer: ProducerInfo, to: Role }),
  z.object({ type: z.literal('new-data-producer'), dataProducer: DataProducerInfo, to: Role }),
  z.object({ type: z.literal('producer-closed'), producerId: MediaId, to: Role }),
]);

export const MediaFrame = z.discriminatedUnion('kind', [
  /** Owner → host: open a room (the consultation's id names its TURN credentials, as on one node). */
  z.object({
    kind: z.literal('open'),
    to: NodeId,
    rid: RoomId,
    cid: CallId,
    consultationId: z.string().max(64),
    /** Opened before the accept, for the kiosk alone until `go-live` (server/calls/prepared-rooms.ts). */
    prepared: z.boolean(),
  }),
  /** Owner → host: the doctor accepted; the prepared room's kiosk producers are resumed (Room.goLive). */
  z.object({ kind: z.literal('go-live'), to: NodeId, rid: RoomId, cid: CallId }),
  z.object({ kind: z.literal('request'), to: NodeId, rid: RoomId, cid: CallId, role: Role, request: MediaRequestBody }),
  z.object({ kind: z.literal('reset'), to: NodeId, rid: RoomId, role: Role }),
  z.object({ kind: z.literal('close'), to: NodeId, rid: RoomId }),
  /** Host → owner: the answer to `open` or `request`. */
  z.object({ kind: z.literal('reply'), to: NodeId, cid: CallId, ok: z.literal(true), result: z.unknown() }),
  z.object({
    kind: z.literal('refusal'),
    to: NodeId,
    cid: CallId,
    code: SignalErrorCode,
    message: z.string().max(500),
  }),
  z.object({ kind: z.literal('notice'), to: NodeId, rid: RoomId, notice: Notice }),
  /** One text message of the kiosk's reliable vitals channel, tapped by the host. */
  z.object({ kind: z.literal('vitals'), to: NodeId, rid: RoomId, text: z.string().max(262_144) }),
  /** The room died with the host's worker. */
  z.object({ kind: z.literal('lost'), to: NodeId, rid: RoomId }),
]);
export type MediaFrame = z.infer<typeof MediaFrame>;
/** A frame to send: the request inside is the typed one the room handles. */
export type OutgoingMediaFrame =
  | Exclude<MediaFrame, { kind: 'request' }>
  | (Omit<Extract<MediaFrame, { kind: 'request' }>, 'request'> & { request: MediaRequest });

/** A node's media load: rooms open on each of its live workers. */
export const MediaLoad = z.object({ rooms: z.array(z.number().int().min(0).max(100_000)).max(1024) });
export type MediaLoad = z.infer<typeof MediaLoad>;

/** Refusals of well-signed messages that do not match these schemas, since start (diagnostics, tests). */
export const mediaRefusals = { count: 0 };

/**
 * A bus payload checked against a schema; null (refused and logged with its sender and the field at
 * fault, never its content: a request may carry patient data in a label) when it does not match.
 */
export function parseMedia<T>(schema: z.ZodType<T>, payload: unknown, from: string): T | null {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  mediaRefusals.count++;
  const issue = parsed.error.issues[0];
  log.warn(
    `refused a media message from node ${from.slice(0, 64)}: ${issue?.path.join('.') || '(root)'} ${issue?.code}`,
  );
  return null;
}
