import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardErrorCode } from '../../common/identity/card-state';
import { vitaleResponder } from '../simulators/vitale/fake-responder';
import { VITALE_1_ATR, VITALE_2_ATR, VirtualVitaleCard } from '../simulators/vitale/virtual-vitale';
import { FakePcscTransport, type FakeCardResponder } from '../transport/pcsc/fake-pcsc-transport';
import { PcscError } from '../transport/pcsc/pcsc-transport';
import { encodeTlv } from './ber-tlv';
import { readCarteVitale } from './carte-vitale';
import { VITALE_AID } from './vitale-apdus';

const READER = 'Virtual PCD 00 00';
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
const ascii = (text: string) => new TextEncoder().encode(text);
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const ok = (data: Uint8Array = new Uint8Array(0)) => join(data, Uint8Array.of(0x90, 0x00));
const sw = (value: number) => Uint8Array.of(value >> 8, value & 0xff);

async function read(atr: Uint8Array | null, responder: FakeCardResponder) {
  const transport = new FakePcscTransport();
  transport.attachReader(READER);
  transport.insertCard(READER, atr, responder);
  transport.start();
  const result = await readCarteVitale(await transport.connect(READER));
  return { result, sent: transport.sent.map(hex) };
}

function beneficiary(nir = '269054958815780') {
  return encodeTlv(0x65, [
    encodeTlv(0x93, ascii(nir)),
    encodeTlv(0x80, ascii('TEST')),
    encodeTlv(0x81, ascii('PATIENT')),
    encodeTlv(0x82, ascii('19690501')),
  ]);
}

/** A card answering SELECTs with 9000 and READ BINARY from `files` (by EF id), 256 bytes at a time. */
function filesCard(files: Record<number, Uint8Array | 'protected'>, selectVitale = 0x9000): FakeCardResponder {
  let ef: number | null = null;
  return (c) => {
    if (c[1] === 0xa4 && c[2] === 0x04) return sw(hex(c.subarray(5)) === hex(VITALE_AID) ? selectVitale : 0x6a82);
    if (c[1] === 0xa4 && c[2] === 0x02) {
      ef = (c[5]! << 8) | c[6]!;
      return ef in files ? sw(0x9000) : sw(0x6a82);
    }
    if (c[1] === 0xb0 && ef !== null) {
      const file = files[ef]!;
      if (file === 'protected') return sw(0x6982);
      const offset = (c[2]! << 8) | c[3]!;
      return offset >= file.length ? sw(0x6b00) : ok(file.slice(offset, offset + 256));
    }
    return sw(0x6d00);
  };
}

const pointersTo = (...efs: number[]) =>
  encodeTlv(0xe0, [
    encodeTlv(0xa0, [encodeTlv(0x82, join(Uint8Array.of(0, 1, 0, 0), VITALE_AID))]),
    ...efs.map((ef) => encodeTlv(0x80, join(ascii('FILE    '), Uint8Array.of(0, 1, ef >> 8, ef & 0xff)))),
  ]);

describe('readCarteVitale', () => {
  it('reads the identity of a Vitale 2 through the pointers file, with T=0 61xx and 6Cxx', async () => {
    const { result, sent } = await read(VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('valid-card')));
    const holder = {
      nir: '269054958815780',
      lastName: 'TEST',
      firstName: 'PATIENT',
      birthDate: '1969-05-01',
      source: 'card',
    };
    expect(result).toEqual({ ok: true, identity: holder, beneficiaries: [holder], unreadable: 0 });
    expect(sent[0]).toBe(`00A404000B${hex(VITALE_AID)}`);
    expect(sent[1]).toMatch(/^00C00000[0-9A-F]{2}$/); // GET RESPONSE after 61xx
    expect(sent).toContain('00A40200022001');
    expect(sent).toContain('00B0000000');
    expect(sent.some((c) => /^00B00000(?!00)[0-9A-F]{2}$/.test(c))).toBe(true); // re-sent with the Le of 6Cxx
    expect(sent).toContain('00A40200022004');
    expect(sent).not.toContain('00A40200022006'); // identity found first: the protected file is not tried
  });

  it('reads every beneficiary on the card, in card order', async () => {
    const { result } = await read(VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('two-beneficiaries')));
    expect(result).toMatchObject({
      ok: true,
      identity: { firstName: 'PATIENT' },
      beneficiaries: [
        { firstName: 'PATIENT', nir: '269054958815780', birthDate: '1969-05-01' },
        { firstName: 'ENFANT', nir: '112067512345677', birthDate: '2012-06-01' },
      ],
      unreadable: 0,
    });
  });

  it('gives the readable beneficiaries of a card and counts the unreadable ones', async () => {
    const { result } = await read(VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('unreadable-beneficiary')));
    expect(result).toMatchObject({
      ok: true,
      identity: { firstName: 'ENFANT' },
      beneficiaries: [{ firstName: 'ENFANT' }],
      unreadable: 1,
    });
  });

  it('recognises a Vitale 1 or another card by its ATR and sends it nothing', async () => {
    expect((await read(VITALE_1_ATR, () => sw(0x9000))).result).toMatchObject({ ok: false, code: 'vitale-1' });
    const cps = Uint8Array.from(Buffer.from('3BAC00402A001225006480000310009000', 'hex'));
    const bank = Uint8Array.from(Buffer.from('3B6800000073C84013009000', 'hex'));
    for (const atr of [cps, bank]) {
      const { result, sent } = await read(atr, () => sw(0x9000));
      expect(result).toMatchObject({ ok: false, code: 'unknown-card' });
      expect(sent).toEqual([]);
    }
  });

  it('refuses an identity whose NIR key is wrong', async () => {
    const { result } = await read(VITALE_2_ATR, vitaleResponder(new VirtualVitaleCard('wrong-nir-key')));
    expect(result).toMatchObject({ ok: false, code: 'invalid-data', detail: 'EF 2004 beneficiary: nir-key' });
  });

  it('says data-not-accessible when the card refuses the VITALE application or the identity file', async () => {
    expect((await read(VITALE_2_ATR, filesCard({}, 0x6a82))).result).toMatchObject({
      ok: false,
      code: 'data-not-accessible',
      detail: 'SELECT VITALE → 6A82',
    });
    const { result } = await read(VITALE_2_ATR, filesCard({ 0x2001: pointersTo(0x2006), 0x2006: 'protected' }));
    expect(result).toMatchObject({ ok: false, code: 'data-not-accessible', detail: 'READ BINARY EF 2006 → 6982' });
  });

  it('says invalid-data for a pointers file that is not BER-TLV or points to no identity', async () => {
    expect((await read(VITALE_2_ATR, filesCard({ 0x2001: Uint8Array.of(0xe0, 0x10, 0x01) }))).result).toMatchObject({
      code: 'invalid-data',
    });
    expect(
      (
        await read(
          VITALE_2_ATR,
          filesCard({ 0x2001: pointersTo(0x2002), 0x2002: encodeTlv(0x66, [encodeTlv(0x80, ascii('20240101'))]) }),
        )
      ).result,
    ).toMatchObject({
      code: 'invalid-data',
      detail: 'no beneficiary block in the files EF 2001 lists',
    });
  });

  it('takes a beneficiary block found in EF 2001 itself, and reads files longer than one chunk', async () => {
    const signature = encodeTlv(0x5f37, new Uint8Array(400).fill(0x5a));
    const { result, sent } = await read(VITALE_2_ATR, filesCard({ 0x2001: join(signature, beneficiary()) }));
    expect(result).toMatchObject({ ok: true, identity: { nir: '269054958815780' } });
    expect(sent.filter((c) => c.startsWith('00B0'))).toEqual(['00B0000000', '00B0010000']);
  });

  it('maps a transport failure: card pulled → removed-during-read, silence → mute-card', async () => {
    const failing =
      (error: PcscError): FakeCardResponder =>
      () =>
        error;
    expect((await read(VITALE_2_ATR, failing(new PcscError('card-removed', 'Card was removed')))).result).toMatchObject(
      { code: 'removed-during-read', pcsc: 'card-removed' },
    );
    expect((await read(VITALE_2_ATR, failing(new PcscError('timeout', 'no answer')))).result).toMatchObject({
      code: 'mute-card',
      pcsc: 'timeout',
    });
  });

  it('never throws and always ends in a known outcome, whatever the card answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 12 }), async (answers) => {
        let n = 0;
        const { result } = await read(VITALE_2_ATR, () => answers[n++ % answers.length]!);
        expect(result.ok || CardErrorCode.options.includes(result.code)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
