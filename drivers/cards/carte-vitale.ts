import type { CardErrorCode } from '../../common/identity/card-state';
import type { PatientIdentity } from '../../common/identity/identity';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import { concatBytes } from '../../common/util/bytes';
import { SW_OK, swHex } from '../transport/pcsc/apdu';
import { PcscError, type PcscCard, type PcscErrorCode } from '../transport/pcsc/pcsc-transport';
import { parseTlvs } from './ber-tlv';
import { classifyAtr } from './vitale-atr';
import { EF_POINTERS, READ_CHUNK, VITALE_AID, readBinary, sameBytes, selectAid, selectEf } from './vitale-apdus';
import { beneficiariesFromTlvs, type IdentityResult } from './vitale-identity';
import { parsePointers, type VitaleFileRef } from './vitale-pointers';

/**
 * The outcome of one read. `detail` says what happened in technician's words (commands and
 * status words, never card data), for logs; `pcsc` is the transport's code when the transport
 * failed, so the caller can tell a pulled card from a silent one by the reader's state.
 */
export type VitaleReadResult =
  | {
      ok: true;
      /** The first readable beneficiary (the card's holder on every card seen). */
      identity: PatientIdentity;
      /** Every readable beneficiary, in card order (the holder and their dependants). */
      beneficiaries: PatientIdentity[];
      /** How many beneficiary blocks did not form a valid identity: the patient is told some are missing. */
      unreadable: number;
    }
  | { ok: false; code: CardErrorCode; detail: string; pcsc: PcscErrorCode | null };

/** EF 2001 and the identity file are a few hundred bytes; past this the card is looping. */
const MAX_FILE_BYTES = 8 * 1024;

class Refused extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/**
 * Reads the identity of a Carte Vitale 2 (PROTOCOLS.md §4.2): ATR check, SELECT VITALE, SELECT
 * EF 2001 and READ BINARY in 256-byte chunks, then the files EF 2001 points to until one holds
 * the beneficiary block (65). Never throws: every way a read can end is a VitaleReadResult.
 */
export async function readCarteVitale(card: PcscCard): Promise<VitaleReadResult> {
  const kind = classifyAtr(card.atr);
  if (kind === 'vitale-1') return failure('vitale-1', 'Vitale 1 ATR: no identity over PC/SC');
  if (kind !== 'vitale-2') return failure('unknown-card', `${kind === 'cps' ? 'CPS' : 'unrecognised'} ATR`);
  try {
    return await readVitale2(card);
  } catch (error) {
    if (error instanceof Refused) return failure('data-not-accessible', error.detail);
    const pcsc =
      error instanceof PcscError
        ? error
        : new PcscError('unknown', error instanceof Error ? error.message : String(error));
    return { ok: false, code: codeForTransport(pcsc.code), detail: `transport: ${pcsc.message}`, pcsc: pcsc.code };
  }
}

async function readVitale2(card: PcscCard): Promise<VitaleReadResult> {
  await select(card, selectAid(VITALE_AID), 'SELECT VITALE');
  await select(card, selectEf(EF_POINTERS), 'SELECT EF 2001');
  const pointers = parseTlvs(await readFile(card, 'EF 2001'));
  if (!pointers.ok) return failure('invalid-data', `EF 2001 is not BER-TLV (${pointers.reason} at ${pointers.offset})`);
  // Some issues keep the beneficiary block in EF 2001 itself.
  const direct = beneficiariesFromTlvs(pointers.tlvs);
  if (direct) return fromBeneficiaries(direct, 'EF 2001');
  const files = parsePointers(pointers.tlvs);
  if (files.length === 0) return failure('invalid-data', 'EF 2001 lists no files');
  let current: Uint8Array = VITALE_AID;
  const refused: string[] = [];
  for (const file of orderForIdentity(files)) {
    try {
      if (!sameBytes(file.aid, current)) {
        await select(card, selectAid(file.aid), `SELECT ${file.label || 'application'}`);
        current = file.aid;
      }
      await select(card, selectEf(file.ef), `SELECT EF ${efHex(file.ef)}`);
      const content = parseTlvs(await readFile(card, `EF ${efHex(file.ef)}`));
      const found = content.ok ? beneficiariesFromTlvs(content.tlvs) : null;
      if (found) return fromBeneficiaries(found, `EF ${efHex(file.ef)}`);
    } catch (error) {
      // A protected file ("data not accessible" in cardpeek) does not stop the search.
      if (!(error instanceof Refused)) throw error;
      refused.push(error.detail);
    }
  }
  if (refused.length > 0) return failure('data-not-accessible', refused.join('; '));
  return failure('invalid-data', 'no beneficiary block in the files EF 2001 lists');
}

/**
 * A card whose beneficiaries are all unreadable gives no identity; one with some readable gives
 * those, and says how many it could not read (never which data was wrong: that stays off logs).
 */
function fromBeneficiaries(found: IdentityResult[], where: string): VitaleReadResult {
  const beneficiaries = found.flatMap((b) => (b.ok ? [b.identity] : []));
  const problems = found.flatMap((b) => (b.ok ? [] : [b.problem]));
  if (beneficiaries.length === 0) return failure('invalid-data', `${where} beneficiary: ${problems.join(', ')}`);
  return { ok: true, identity: beneficiaries[0]!, beneficiaries, unreadable: problems.length };
}

/** The VITALE application's own files first: the identity is there on every issue seen. */
function orderForIdentity(files: VitaleFileRef[]): VitaleFileRef[] {
  return [...files.filter((f) => sameBytes(f.aid, VITALE_AID)), ...files.filter((f) => !sameBytes(f.aid, VITALE_AID))];
}

async function select(card: PcscCard, command: Uint8Array, what: string): Promise<void> {
  const { sw } = await card.transmit(command);
  if (sw !== SW_OK) throw new Refused(`${what} → ${swHex(sw)}`);
}

/**
 * READ BINARY from offset 0 in 256-byte chunks until a short chunk (cardpeek's read_bin). Past
 * the end a card answers 6B00 (offset beyond the file) or 6282 (end reached early): the file is
 * then what was read. A refusal of the first chunk is a protected file.
 */
async function readFile(card: PcscCard, what: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < MAX_FILE_BYTES; offset += READ_CHUNK) {
    const { data, sw } = await card.transmit(readBinary(offset));
    if (sw === SW_OK || sw === 0x6282) chunks.push(data);
    else if (offset === 0) throw new Refused(`READ BINARY ${what} → ${swHex(sw)}`);
    if (sw !== SW_OK || data.length < READ_CHUNK) break;
  }
  return concatBytes(chunks);
}

function codeForTransport(code: PcscErrorCode): CardErrorCode {
  switch (code) {
    case 'card-removed':
      return 'removed-during-read';
    case 'no-service':
    case 'no-reader':
      return 'no-reader';
    case 'sharing-violation':
      return 'data-not-accessible';
    case 'unresponsive':
    case 'timeout':
    case 'transmit-failed':
    case 'unknown':
      return 'mute-card';
    default:
      return assertUnreachable(code, 'PC/SC error code');
  }
}

function failure(code: CardErrorCode, detail: string): VitaleReadResult {
  return { ok: false, code, detail, pcsc: null };
}

function efHex(ef: number): string {
  return ef.toString(16).toUpperCase().padStart(4, '0');
}
