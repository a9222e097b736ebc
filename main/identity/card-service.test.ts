import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardErrorCode, CardState } from '../../common/identity/card-state';
import type { PatientIdentity } from '../../common/identity/identity';
import { setLogLevel } from '../../common/util/logger';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { vitaleResponder } from '../../drivers/simulators/vitale/fake-responder';
import { VITALE_2_ATR, VirtualVitaleCard } from '../../drivers/simulators/vitale/virtual-vitale';
import { FakePcscTransport } from '../../drivers/transport/pcsc/fake-pcsc-transport';
import { PcscError } from '../../drivers/transport/pcsc';
import { CardService, PCSC_RETRY_MS, REMOVAL_GRACE_MS } from './card-service';

const READER = 'Virtual PCD 00 00';
/** Lets the service's pending promises (connect, transmit) run. */
const settle = async () => {
  for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

function setup(readerName = 'Virtual PCD') {
  const transport = new FakePcscTransport();
  const clock = new ManualClock();
  const service = new CardService({ transport, readerName, readerId: 'card-reader-1', clock });
  const states: CardState[] = [];
  const read: PatientIdentity[] = [];
  const failed: CardErrorCode[] = [];
  service.on('stateChanged', (s) => states.push(s));
  service.on('cardRead', (identity) => read.push(identity));
  service.on('cardFailed', ({ code }) => failed.push(code));
  const stateNames = () => states.map((s) => (s.error && s.state === 'error' ? `error:${s.error}` : s.state));
  return { transport, clock, service, states, read, failed, stateNames };
}

afterEach(() => {
  setLogLevel('silent');
  vi.restoreAllMocks();
});

describe('CardService', () => {
  it('reads a card put in the configured reader and emits the identity once', async () => {
    const t = setup();
    t.transport.attachReader('Other Reader 00 00');
    t.transport.attachReader(READER);
    t.service.start();
    t.transport.insertCard('Other Reader 00 00', VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('valid-card')));
    t.transport.insertCard(READER, VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('valid-card')));
    await settle();
    expect(t.read).toEqual([
      { nir: '269054958815780', lastName: 'TEST', firstName: 'PATIENT', birthDate: '1969-05-01', source: 'card' },
    ]);
    expect(t.stateNames()).toEqual(['no-reader', 'empty', 'reading', 'read']);
    expect(t.states.every((s) => s.readerId === 'card-reader-1')).toBe(true);
    expect(JSON.stringify(t.states)).not.toMatch(/269054958815780|TEST|PATIENT|1969/);
    t.transport.removeCard(READER);
    expect(t.stateNames().at(-1)).toBe('empty');
  });

  it('readAgain reads the card still in the reader once more, and only such a card', async () => {
    const t = setup();
    t.transport.attachReader(READER);
    t.service.start();
    t.service.readAgain(); // empty reader: nothing to read
    t.transport.insertCard(READER, VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('valid-card')));
    await settle();
    expect(t.read).toHaveLength(1);
    t.service.readAgain();
    await settle();
    expect(t.read).toHaveLength(2);
    expect(t.read[1]).toEqual(t.read[0]);
    expect(t.stateNames()).toEqual(['no-reader', 'empty', 'reading', 'read', 'reading', 'read']);
    t.transport.removeCard(READER);
    t.service.readAgain(); // taken out: nothing to read
    await settle();
    expect(t.read).toHaveLength(2);
    expect(t.stateNames().at(-1)).toBe('empty');
  });

  it('tells a card pulled mid-read (reinsert) from a silent one (mute), and reads it when put back', async () => {
    const t = setup();
    t.transport.attachReader(READER);
    t.service.start();
    // As through vpcd: the exchange fails, then pcscd's next poll finds the reader empty.
    t.transport.insertCard(
      READER,
      VITALE_2_ATR,
      vitaleResponder(new VirtualVitaleCard('removed-mid-read'), () =>
        queueMicrotask(() => t.transport.removeCard(READER)),
      ),
    );
    await settle();
    expect(t.failed).toEqual(['removed-during-read']);
    expect(t.service.state()).toEqual({ readerId: 'card-reader-1', state: 'error', error: 'removed-during-read' });
    t.transport.insertCard(READER, VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('valid-card')));
    await settle();
    expect(t.read).toHaveLength(1);

    t.transport.removeCard(READER);
    t.transport.insertCard(
      READER,
      VITALE_2_ATR,
      () => new PcscError('timeout', 'no answer from the card after 5000 ms'),
    );
    await settle();
    expect(t.failed).toEqual(['removed-during-read']); // still waiting to see whether it was pulled
    t.clock.advance(REMOVAL_GRACE_MS);
    await settle();
    expect(t.failed).toEqual(['removed-during-read', 'mute-card']);
  });

  it.each([
    ['vitale-1', 'vitale-1'],
    ['wrong-nir-key', 'invalid-data'],
  ] as const)(
    'reports the %s scenario as %s, and keeps the message up after the card is taken out',
    async (scenario, code) => {
      const t = setup();
      t.transport.attachReader(READER);
      t.service.start();
      const card = new VirtualVitaleCard(scenario);
      t.transport.insertCard(READER, card.atr(), vitaleResponder(card));
      await settle();
      expect(t.failed).toEqual([code]);
      t.transport.removeCard(READER);
      expect(t.service.state().error).toBe(code);
    },
  );

  it('reports a mute card without trying to talk to it', async () => {
    const t = setup();
    t.transport.attachReader(READER);
    t.service.start();
    t.transport.insertCard(READER, null, () => {
      throw new Error('a mute card must not be sent commands');
    });
    await settle();
    expect(t.failed).toEqual(['mute-card']);
    expect(t.transport.sent).toEqual([]);
  });

  it('stays no-reader while pcscd is down, retries, and picks the reader up when it comes back', async () => {
    const t = setup();
    t.transport.serviceDown = new PcscError('no-service', 'PC/SC service not running');
    t.transport.attachReader(READER);
    t.service.start();
    await settle();
    expect(t.service.state().state).toBe('no-reader');
    t.clock.advance(PCSC_RETRY_MS);
    await settle();
    expect(t.service.state().state).toBe('no-reader'); // still down at the first retry
    t.transport.serviceDown = null;
    t.clock.advance(PCSC_RETRY_MS);
    expect(t.service.state().state).toBe('empty');
    t.transport.failService();
    expect(t.service.state()).toEqual({ readerId: 'card-reader-1', state: 'no-reader', error: 'no-reader' });
    expect(t.clock.pendingDelays()).toEqual([PCSC_RETRY_MS]);
  });

  it('ignores readers whose name does not match, and stops watching when closed', async () => {
    const t = setup('Gemalto');
    t.transport.attachReader(READER);
    t.service.start();
    t.transport.insertCard(READER, VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('valid-card')));
    await settle();
    expect(t.stateNames()).toEqual(['no-reader']);
    t.service.close();
    expect(t.transport.started).toBe(false);
    t.transport.attachReader('Gemalto PC Twin 00 00');
    expect(t.stateNames()).toEqual(['no-reader']);
  });

  it('never writes the identity to the log', async () => {
    setLogLevel('debug');
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    const t = setup();
    t.transport.attachReader(READER);
    t.service.start();
    t.transport.insertCard(READER, VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('valid-card')));
    await settle();
    t.transport.removeCard(READER);
    t.transport.insertCard(READER, VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('wrong-nir-key')));
    await settle();
    expect(t.read).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('\n')).not.toMatch(/26905495881578|TEST|PATIENT|1969|19690501/);
  });
});
