import type { DeviceStatus } from '../../common/devices/device-status';
import type { KioskMethods, ResultOf } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { CallGrant } from '../auth/call-tokens';
import type { AwayPlaces } from './away-places';
import type { ConnectionGrace } from './connection-grace';
import type { ConsultationBook } from './consultation-book';
import type { Consultation, KioskLink } from './consultation';
import type { QueueBoard } from './queue-board';
import { SignalFailure } from './signal-failure';

const log = createLogger('platform:calls');

/**
 * A kiosk back on its consultation after a cut (same session): its grace wait stops, and it is
 * answered as a join would be — in call (renegotiate in the same room) or waiting with the wait.
 */
export function reattachKiosk(
  c: Consultation,
  link: KioskLink,
  devices: DeviceStatus[],
  grace: ConnectionGrace,
  board: QueueBoard,
): ResultOf<KioskMethods, 'join-queue'> {
  grace.cancel(c, 'kiosk');
  c.kiosk = link;
  c.devices = devices;
  c.lastQueueUpdate = '';
  log.info(`consultation ${c.id}: kiosk rejoined (${c.state})`);
  if (c.state === 'in-call') {
    // Old transports are dead: the kiosk renegotiates in the same room.
    c.room?.resetPeer('kiosk');
    c.doctorLink?.send({ type: 'peer-state', consultationId: c.id, peer: 'kiosk', state: 'connected' });
    c.doctorLink?.send({ type: 'kiosk-devices', consultationId: c.id, devices });
    return { consultationId: c.id, state: 'in-call', position: 0, wait: null, doctor: c.doctor, resumedTicket: null };
  }
  const wait = board.waitToAnswer(c);
  queueMicrotask(() => board.publish());
  return { consultationId: c.id, state: c.state, ...wait, doctor: null, resumedTicket: null };
}

/**
 * A join for a session the book already knows: refused when its consultation ended (a replayed
 * ticket queues no one again), belongs to another kiosk, or left the cabin with a ticket; else the
 * kiosk is reattached. Null: a new session, to be queued.
 */
export function rejoinKnownSession(
  { book, away, grace, board }: { book: ConsultationBook; away: AwayPlaces; grace: ConnectionGrace; board: QueueBoard },
  grant: CallGrant,
  link: KioskLink,
  devices: DeviceStatus[],
): ResultOf<KioskMethods, 'join-queue'> | null {
  const existing = book.forSession(grant.sessionId);
  if (existing === 'ended') throw new SignalFailure('conflict', 'this session already had its consultation');
  if (!existing) return null;
  if (existing.kioskId !== grant.kioskId) throw new SignalFailure('forbidden', 'the session belongs to another kiosk');
  if (away.isAway(existing.id)) throw new SignalFailure('conflict', 'this patient left the cabin with a ticket');
  return reattachKiosk(existing, link, devices, grace, board);
}
