import type { DeviceStatus } from '../../common/devices/device-status';
import type { KioskMethods, ResultOf } from '../../common/signaling/messages';
import { createLogger } from '../../common/util/logger';
import type { ConnectionGrace } from './connection-grace';
import type { Consultation, KioskLink } from './consultation';
import type { QueueBoard } from './queue-board';

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
