import { PatientIdentity } from '../../common/identity/identity';
import { nirKey, normaliseNir, validateNir } from '../../common/identity/nir';
import { findTlv, type Tlv } from './ber-tlv';

/** Tags of the beneficiary block (cardpeek's VITALE_IDO): 65 { 93 NIR, 80 nom, 81 prénom, 82 date }. */
export const TAG_BENEFICIARY = 0x65;
export const TAG_NIR = 0x93;
export const TAG_LAST_NAME = 0x80;
export const TAG_FIRST_NAME = 0x81;
export const TAG_BIRTH_DATE = 0x82;

/** Why a beneficiary block is not an identity; carries no identity itself (safe to log). */
export type IdentityProblem = 'missing-field' | 'bad-birth-date' | 'bad-nir' | 'nir-key' | 'schema';

export type IdentityResult = { ok: true; identity: PatientIdentity } | { ok: false; problem: IdentityProblem };

// Cards pad text fields with spaces, 00 or FF; Latin-1 keeps any accented byte readable.
function field(block: readonly Tlv[], tag: number): string | null {
  const tlv = findTlv(block, tag);
  if (!tlv) return null;
  const bytes = tlv.value.filter((b) => b !== 0x00 && b !== 0xff);
  const text = new TextDecoder('latin1').decode(bytes).trim();
  return text === '' ? null : text;
}

/**
 * The identity in the first beneficiary block of `tlvs`, checked: NIR key (a card NIR of only 13
 * characters gets its computed key), birth date YYYYMMDD → YYYY-MM-DD (day or month 00, the
 * "lunar" dates of incomplete civil records, kept as read) and the PatientIdentity schema.
 * Null when `tlvs` holds no beneficiary block.
 */
export function identityFromTlvs(tlvs: readonly Tlv[]): IdentityResult | null {
  const block = findTlv(tlvs, TAG_BENEFICIARY)?.children;
  return block ? identityFromBlock(block) : null;
}

/**
 * Every beneficiary block of `tlvs`, in card order, each checked as identityFromTlvs does: a card
 * carries the insured person and their dependants (children, a spouse), one 65 block each. Null
 * when `tlvs` holds no beneficiary block.
 */
export function beneficiariesFromTlvs(tlvs: readonly Tlv[]): IdentityResult[] | null {
  const blocks = tlvs.flatMap((t) => (t.tag === TAG_BENEFICIARY && t.children ? [t.children] : []));
  return blocks.length === 0 ? null : blocks.map(identityFromBlock);
}

function identityFromBlock(block: readonly Tlv[]): IdentityResult {
  const rawNir = field(block, TAG_NIR);
  const lastName = field(block, TAG_LAST_NAME);
  const firstName = field(block, TAG_FIRST_NAME);
  const date = field(block, TAG_BIRTH_DATE);
  if (rawNir === null || lastName === null || firstName === null || date === null)
    return { ok: false, problem: 'missing-field' };
  const dateParts = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  if (!dateParts || Number(dateParts[2]) > 12 || Number(dateParts[3]) > 31)
    return { ok: false, problem: 'bad-birth-date' };
  let nir = normaliseNir(rawNir);
  if (nir.length === 13) nir += nirKey(nir) ?? '';
  const check = validateNir(nir);
  if (!check.valid) return { ok: false, problem: check.reason === 'key' ? 'nir-key' : 'bad-nir' };
  const parsed = PatientIdentity.safeParse({
    lastName: lastName.toUpperCase(),
    firstName,
    birthDate: `${dateParts[1]}-${dateParts[2]}-${dateParts[3]}`,
    nir,
    source: 'card',
  });
  return parsed.success ? { ok: true, identity: parsed.data } : { ok: false, problem: 'schema' };
}
