import type { types } from 'mediasoup';
import type { DoctorEvent, IceServer, KioskEvent } from '../../common/signaling/messages';
import { parseVitalsMessage } from '../../common/signaling/vitals';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import { createLogger } from '../../common/util/logger';
import { LOOPBACK_MEDIA, type MediaNetwork } from '../media/media-network';
import type { RouterAppData } from '../media/worker-pool';
import type { Consultation, Link } from './consultation';
import { Room, type MediaRoom, type PeerRole, type RoomEvents, type RoomNotice } from './room';

const log = createLogger('platform:calls:rooms');

export interface ConsultationRoomsOptions {
  createRouter(): Promise<types.Router<RouterAppData>>;
  /** Where the media listen and what they announce; default all loopback. */
  network?: MediaNetwork;
  /** TURN servers for one peer's transport in a consultation (fresh credentials each call); default none. */
  iceServers?(peer: PeerRole, consultationId: string): IceServer[];
  /**
   * Where a room is opened when the platform runs several media nodes (server/cluster/media-placement.ts):
   * on the least-loaded node, this one or another. Absent: a router of this node (createRouter).
   */
  placeRoom?(consultationId: string, events: RoomEvents, prepared: boolean): Promise<MediaRoom>;
  /** The room died with its worker and no new one could be opened: the call cannot go on. */
  onRoomLost(c: Consultation): void;
  /**
   * A reading of record was kept in the call: the queue's journal writes it now, not at the next
   * change of the queue (a node killed in between would lose it).
   */
  onMeasurement?(c: Consultation): void;
  /** A room prepared before the accept died with its worker (prepared-rooms.ts prepares another). */
  onPreparedLost?(c: Consultation): void;
}

/** Where the call center's rooms are opened (a router, the media addresses, TURN; or a placement). */
export type RoomSetup = Pick<ConsultationRoomsOptions, 'createRouter' | 'network' | 'iceServers' | 'placeRoom'>;

/**
 * The media room of each call: opened on accept, reopened on a new worker when its worker dies,
 * its producer events forwarded to the right side, and the kiosk's reliable vitals kept.
 */
export class ConsultationRooms {
  constructor(private readonly options: ConsultationRoomsOptions) {}

  /**
   * Opens a room for the consultation; rejects when the media server cannot. `prepared`: opened
   * before the accept, for the kiosk alone until it goes live (prepared-rooms.ts).
   */
  async open(c: Consultation, prepared = false): Promise<MediaRoom> {
    const events: RoomEvents = {
      notify: (notice) => forwardRoomNotice(c, notice),
      onVitalsResult: (text) => {
        if (keepVitalsResult(c, text)) this.options.onMeasurement?.(c);
      },
      onLost: () => void this.replace(c),
    };
    if (this.options.placeRoom) return this.options.placeRoom(c.id, events, prepared);
    const router = await this.options.createRouter();
    return new Room(router, {
      prepared,
      network: this.options.network ?? LOOPBACK_MEDIA,
      iceServers: (role) => this.options.iceServers?.(role, c.id) ?? [],
      ...events,
    });
  }

  /** The room's worker died: open a new room and have both sides negotiate again. */
  private async replace(c: Consultation) {
    if (c.state === 'waiting') return this.options.onPreparedLost?.(c);
    if (c.state !== 'in-call') return;
    c.room?.close();
    try {
      c.room = await this.open(c);
    } catch (error) {
      log.error(`consultation ${c.id}: could not reopen the room: ${(error as Error).message}`);
      this.options.onRoomLost(c);
      return;
    }
    log.info(`consultation ${c.id}: media room reopened`);
    const event = { type: 'media-reset', consultationId: c.id } as const;
    c.kiosk?.send(event);
    c.doctorLink?.send(event);
  }
}

/** Sends a room event to the side it is addressed to, if that side is connected. */
export function forwardRoomNotice(c: Consultation, notice: RoomNotice): void {
  const link: Link<KioskEvent | DoctorEvent> | null = notice.to === 'kiosk' ? c.kiosk : c.doctorLink;
  if (!link) return;
  switch (notice.type) {
    case 'new-producer':
      return link.send({ type: 'new-producer', consultationId: c.id, producer: notice.producer });
    case 'new-data-producer':
      return link.send({ type: 'new-data-producer', consultationId: c.id, dataProducer: notice.dataProducer });
    case 'producer-closed':
      return link.send({ type: 'producer-closed', consultationId: c.id, producerId: notice.producerId });
    default:
      return assertUnreachable(notice, 'room notice');
  }
}

/** One message of the kiosk's reliable vitals channel, as the platform taps it; true when it was a new reading of record. */
export function keepVitalsResult(c: Consultation, text: string): boolean {
  const message = parseVitalsMessage(text);
  const kept = message?.type === 'measurement' && !c.measurements.some((m) => m.id === message.measurement.id);
  if (kept) c.measurements.push(message.measurement);
  // The device list (model, calibration, availability) the kiosk sends when its channel opens
  // and on every change: kept so a console that reloads or rejoins mid-call gets it back.
  if (message?.type === 'devices') c.devices = message.devices;
  // Relayed over signalling too: the console's data consumer may not be ready for it (a reload).
  if (message && message.type !== 'live' && message.type !== 'pleth')
    c.doctorLink?.send({ type: 'kiosk-result', consultationId: c.id, result: message });
  return kept;
}
