import type { KioskConfig } from '../../kiosk-config/schema';
import { SmartcardTransport, type PcscTransport } from '../../drivers/transport/pcsc';
import type { KioskEventHub } from '../ipc/event-hub';
import { CardService } from './card-service';

/**
 * The card service of the kiosk's composition root: one per configured PC/SC reader (the first,
 * if several are listed), its state forwarded to the screens. Not started here: the caller
 * starts it once the flow listens, so the flow sees the first state. Null when no reader is
 * configured. (The virtual card of a `simulator` entry is started by scripts/start.ts: it needs
 * its own pcscd, which is the machine's, not the kiosk process's.)
 */
export function createKioskCards(
  config: Pick<KioskConfig, 'devices'>,
  events: KioskEventHub,
  transport: PcscTransport = new SmartcardTransport(),
): CardService | null {
  const reader = config.devices.find((d) => d.transport === 'pcsc');
  if (!reader || reader.transport !== 'pcsc') return null;
  const service = new CardService({ transport, readerName: reader.readerName, readerId: reader.id });
  service.on('stateChanged', (state) => events.emit('onCardStateChanged', state));
  return service;
}
