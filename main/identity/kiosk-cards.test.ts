import { describe, expect, it } from 'vitest';
import { kioskContract } from '../../common/ipc/contract';
import { FakePcscTransport } from '../../drivers/transport/pcsc/fake-pcsc-transport';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { KioskEventHub } from '../ipc/event-hub';
import { createKioskCards } from './kiosk-cards';

const reader: DeviceConfig = {
  id: 'card-reader-1',
  model: 'pcsc-vitale',
  transport: 'pcsc',
  readerName: 'Virtual PCD',
};

describe('createKioskCards', () => {
  it('builds the card service of the configured reader and forwards its states to the screens', () => {
    const events = new KioskEventHub();
    const sent: [string, unknown][] = [];
    events.attach((channel, payload) => sent.push([channel, payload]));
    const transport = new FakePcscTransport();
    transport.attachReader('Virtual PCD 00 00');
    const cards = createKioskCards({ devices: [reader] }, events, transport);
    expect(cards).not.toBeNull();
    cards!.start();
    const channel = kioskContract.events.onCardStateChanged.channel;
    expect(sent).toEqual([
      [channel, { readerId: 'card-reader-1', state: 'no-reader', error: 'no-reader' }],
      [channel, { readerId: 'card-reader-1', state: 'empty', error: null }],
    ]);
    cards!.close();
  });

  it('is null without a PC/SC reader in the config', () => {
    expect(createKioskCards({ devices: [] }, new KioskEventHub(), new FakePcscTransport())).toBeNull();
  });
});
