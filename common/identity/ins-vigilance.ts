import {
  INS_NIR_OID,
  checkInsNumber,
  identityStatus,
  traitConflicts,
  type IdentityDocument,
  type InsIdentity,
  type InsTraits,
  type TraitConflict,
} from './ins';

/**
 * The INSi teleservice's answer to a search by traits (or by the Carte Vitale), as its guide
 * documents the outcomes: exactly one identity found (its INS and reference traits), none, or
 * several (the traits are not enough to tell: nothing may be recovered).
 */
export type InsiAnswer =
  { kind: 'found'; ins: string; traits: InsTraits } | { kind: 'not-found' } | { kind: 'several'; count: number };

/** Why an INSi answer or a document check did not change the identity (plain messages in the UIs). */
export type VigilanceRefusal =
  | { reason: 'not-found' }
  | { reason: 'several' }
  | { reason: 'ins-key' | 'ins-format' }
  | { reason: 'traits-conflict'; conflicts: TraitConflict[] };

export type VigilanceResult = { ok: true; identity: InsIdentity } | { ok: false; refusal: VigilanceRefusal };

/** A new identity from traits the patient or the card gave: provisional, no INS. */
export function provisionalIdentity(traits: InsTraits): InsIdentity {
  return { ins: null, oid: null, traits, status: 'provisional', insiAt: null, document: null };
}

/**
 * Takes INSi's answer. Only a single match whose INS key is right and whose number agrees with
 * the traits INSi returned is recovered; the identity then carries INSi's traits (the reference
 * ones replace what was typed or read) and its status rises (provisional → recovered, validated →
 * qualified). Anything else leaves the identity as it was, with the reason.
 */
export function applyInsiAnswer(identity: InsIdentity, answer: InsiAnswer, at: string): VigilanceResult {
  if (answer.kind === 'not-found') return { ok: false, refusal: { reason: 'not-found' } };
  if (answer.kind === 'several') return { ok: false, refusal: { reason: 'several' } };
  const checked = checkInsNumber(answer.ins);
  if (!checked.ok) return { ok: false, refusal: { reason: checked.problem === 'key' ? 'ins-key' : 'ins-format' } };
  const conflicts = traitConflicts(checked.ins, answer.traits);
  if (conflicts.length > 0) return { ok: false, refusal: { reason: 'traits-conflict', conflicts } };
  const traits = {
    ...answer.traits,
    usedName: identity.traits.usedName ?? answer.traits.usedName,
    usedGivenName: identity.traits.usedGivenName ?? answer.traits.usedGivenName,
  };
  return {
    ok: true,
    identity: {
      ...identity,
      ins: checked.ins,
      oid: INS_NIR_OID,
      traits,
      insiAt: at,
      status: identityStatus({ insiRecovered: true, documentChecked: identity.document !== null }),
    },
  };
}

/**
 * The pharmacist (or the doctor) checked a high-trust identity document against the traits: the
 * status rises (provisional → validated, recovered → qualified). Qualified needs both facts.
 */
export function recordDocumentCheck(
  identity: InsIdentity,
  check: { kind: IdentityDocument; checkedBy: string; checkedAt: string },
): InsIdentity {
  return {
    ...identity,
    document: check,
    status: identityStatus({ insiRecovered: identity.insiAt !== null, documentChecked: true }),
  };
}
