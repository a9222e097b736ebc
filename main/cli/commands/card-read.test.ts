import { describe, expect, it } from 'vitest';
import { vitaleResponder } from '../../../drivers/simulators/vitale/fake-responder';
import { VITALE_1_ATR, VITALE_2_ATR, VirtualVitaleCard } from '../../../drivers/simulators/vitale/virtual-vitale';
import { FakePcscTransport } from '../../../drivers/transport/pcsc/fake-pcsc-transport';
import { PcscError } from '../../../drivers/transport/pcsc';
import { runCardRead } from './card-read';

async function run(transport: FakePcscTransport, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCardRead(
    args,
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    { transport: () => transport },
  );
  return { code, out, err: err.join('\n') };
}

function withCard(reader: string, atr: Uint8Array, card: VirtualVitaleCard) {
  const transport = new FakePcscTransport();
  transport.attachReader('Other 00 00');
  transport.attachReader(reader);
  transport.insertCard(reader, atr, vitaleResponder(card));
  return transport;
}

describe('kioskctl card read', () => {
  it('prints the identity of the card in the named reader as JSON', async () => {
    const r = await run(
      withCard('Virtual PCD 00 00', VITALE_2_ATR, new VirtualVitaleCard('valid-card')),
      '--reader',
      'Virtual PCD',
      '--timeout',
      '2',
    );
    expect(r.code).toBe(0);
    expect(r.out.map((l) => JSON.parse(l) as unknown)).toEqual([
      { lastName: 'TEST', firstName: 'PATIENT', birthDate: '1969-05-01', nir: '269054958815780', source: 'card' },
    ]);
  });

  it('prints the error code and its meaning and exits 1 when the card cannot give an identity', async () => {
    const r = await run(
      withCard('Virtual PCD 00 00', VITALE_1_ATR, new VirtualVitaleCard('vitale-1')),
      '--reader',
      'Virtual PCD',
    );
    expect(r).toEqual({
      code: 1,
      out: [],
      err: 'vitale-1: this is a Vitale 1 card: its identity cannot be read over PC/SC',
    });
  });

  it('says no-reader when pcscd is not there, and refuses a bad timeout', async () => {
    const down = new FakePcscTransport();
    down.serviceDown = new PcscError('no-service', 'PC/SC service not running');
    const r = await run(down, '--timeout', '0.2');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^no-reader: /);
    await expect(run(new FakePcscTransport(), '--timeout', 'soon')).rejects.toThrow('--timeout');
  });
});
