import { encodeTlv } from '../../cards/ber-tlv';
import { EF_POINTERS, INS_READ_BINARY, INS_SELECT, VITALE_AID, sameBytes } from '../../cards/vitale-apdus';
import { VITALE_SCENARIOS, type VitaleScenario, type VitaleScenarioName } from './scenarios';

/** Vitale 2 ATR as listed by pcsc-tools ("Carte Vitale (HealthCare)"), protocol T=0. */
export const VITALE_2_ATR = Uint8Array.of(0x3b, 0x75, 0x13, 0x00, 0x00, 0x47, 0x09, 0xea, 0x90, 0x00);
/** Vitale 1 ATR (inverse convention), as listed by pcsc-tools ("Sesam Vitale"). */
export const VITALE_1_ATR = Uint8Array.of(0x3f, 0x65, 0x25, 0x00, 0x2c, 0x09, 0x69, 0x90, 0x00);
/**
 * A mute card, as vpcd can show one: an "ATR" longer than ISO 7816's 33 bytes. vpcd's presence
 * poll only checks that an ATR came back, so the card is present; at power-up vpcd finds it too
 * long and fails, so pcscd marks the card SCARD_STATE_MUTE and refuses to connect — as with a
 * real card that never answers its reset.
 */
export const MUTE_ATR = new Uint8Array(40).fill(0x3b);

/** EF ids of our synthetic layout; the label/entry format is cardpeek's (drivers/cards/vitale-pointers.ts). */
export const EF_IDENTITY = 0x2004;
export const EF_PROTECTED = 0x2006;

export type CardAnswer = { kind: 'response'; bytes: Uint8Array } | { kind: 'pulled' };

const sw = (value: number) => Uint8Array.of(value >> 8, value & 0xff);
const ascii = (text: string) => new TextEncoder().encode(text);
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function pointersFile(): Uint8Array {
  const entry = Uint8Array.of(0x00, 0x01);
  const file = (label: string, ef: number) =>
    encodeTlv(0x80, join(ascii(label.padEnd(8).slice(0, 8)), entry, Uint8Array.of(ef >> 8, ef & 0xff)));
  return encodeTlv(0xe0, [
    encodeTlv(0xa0, [encodeTlv(0x82, join(entry, Uint8Array.of(0x00, 0x00), VITALE_AID))]),
    file('IDENTITE', EF_IDENTITY),
    file('DROITS', EF_PROTECTED),
  ]);
}

function identityFile(beneficiaries: VitaleScenario['beneficiaries']): Uint8Array {
  const blocks = beneficiaries.map((b) =>
    encodeTlv(0x65, [
      encodeTlv(0x93, ascii(b.nir)),
      encodeTlv(0x80, ascii(b.lastName)),
      encodeTlv(0x81, ascii(b.firstName)),
      encodeTlv(0x82, ascii(b.birthDate)),
    ]),
  );
  return join(...blocks, encodeTlv(0x66, [encodeTlv(0x80, ascii('20240101'))]));
}

/**
 * The card side of a Carte Vitale 2, command by command, with a T=0 card's manners: SELECT
 * answers 61xx (the FCI is fetched with GET RESPONSE), READ BINARY with a Le larger than what is
 * left answers 6Cxx (re-send with that Le), past the end 6B00, a protected file 6982.
 */
export class VirtualVitaleCard {
  readonly scenario: VitaleScenario;
  #selectedApp = false;
  #selectedEf: number | null = null;
  #pending: Uint8Array | null = null;
  #pullArmed: boolean;
  readonly #files: Map<number, Uint8Array | 'protected'>;

  constructor(readonly scenarioName: VitaleScenarioName) {
    this.scenario = VITALE_SCENARIOS[scenarioName];
    this.#pullArmed = this.scenario.pullDuringRead;
    this.#files = new Map<number, Uint8Array | 'protected'>([
      [EF_POINTERS, pointersFile()],
      [EF_IDENTITY, identityFile(this.scenario.beneficiaries)],
      [EF_PROTECTED, 'protected'],
    ]);
  }

  atr(): Uint8Array {
    return this.scenario.atr === 'vitale-2' ? VITALE_2_ATR : this.scenario.atr === 'vitale-1' ? VITALE_1_ATR : MUTE_ATR;
  }

  /** Power off, on or reset: the card forgets its selection (and any pending response). */
  reset(): void {
    this.#selectedApp = false;
    this.#selectedEf = null;
    this.#pending = null;
  }

  handle(apdu: Uint8Array): CardAnswer {
    const response = (bytes: Uint8Array): CardAnswer => ({ kind: 'response', bytes });
    if (this.scenario.atr !== 'vitale-2') return response(sw(0x6e00)); // a Vitale 1 speaks CLA BC only
    if (apdu.length < 4) return response(sw(0x6700));
    const [cla, ins, p1, p2] = apdu;
    if (cla !== 0x00) return response(sw(0x6e00));
    const pending = this.#pending;
    this.#pending = null;
    if (ins === 0xc0) return response(pending ? join(pending.slice(0, apdu[4] || 256), sw(0x9000)) : sw(0x6985));
    if (ins === INS_SELECT) return response(this.#select(p1!, apdu.subarray(5, 5 + (apdu[4] ?? 0))));
    if (ins === INS_READ_BINARY) {
      if (this.#pullArmed && this.#selectedEf === EF_IDENTITY) {
        this.#pullArmed = false;
        return { kind: 'pulled' };
      }
      return response(this.#read(((p1! & 0x7f) << 8) | p2!, apdu.length > 4 ? apdu[4]! : 0));
    }
    return response(sw(0x6d00));
  }

  #select(p1: number, data: Uint8Array): Uint8Array {
    if (p1 === 0x04) {
      if (!sameBytes(data, VITALE_AID)) return sw(0x6a82);
      this.#selectedApp = true;
      this.#selectedEf = null;
      this.#pending = encodeTlv(0x6f, [encodeTlv(0x84, VITALE_AID)]);
      return sw(0x6100 | this.#pending.length);
    }
    if (p1 === 0x02 && this.#selectedApp && data.length === 2) {
      const ef = (data[0]! << 8) | data[1]!;
      if (!this.#files.has(ef)) return sw(0x6a82);
      this.#selectedEf = ef;
      return sw(0x9000);
    }
    return sw(this.#selectedApp ? 0x6a86 : 0x6a82);
  }

  #read(offset: number, le: number): Uint8Array {
    const file = this.#selectedEf === null ? undefined : this.#files.get(this.#selectedEf);
    if (file === undefined) return sw(0x6986);
    if (file === 'protected') return sw(0x6982);
    if (offset >= file.length) return sw(0x6b00);
    const wanted = le === 0 ? 256 : le;
    const left = file.length - offset;
    if (wanted > left) return sw(0x6c00 | left);
    return join(file.slice(offset, offset + wanted), sw(0x9000));
  }
}
