import type { IdentityDocument, InsIdentity, InsTraits } from '../../common/identity/ins';
import {
  applyInsiAnswer,
  provisionalIdentity,
  recordDocumentCheck,
  type VigilanceRefusal,
} from '../../common/identity/ins-vigilance';
import type { InsiClient } from './insi-client';
import type { IdentityVigilanceStore } from './identity-vigilance-store';

export type VigilanceOutcome =
  { ok: true; identity: InsIdentity } | { ok: false; refusal: VigilanceRefusal | { reason: 'no-identity' } };

/**
 * What the pharmacist (portal, kiosk staff panel) or the doctor does to a consultation's identity:
 * record the traits (provisional), ask INSi, record the identity document checked. Every step keeps
 * the stored identity whole: a refusal changes nothing and says why.
 */
export class IdentityVigilanceService {
  constructor(
    private readonly store: IdentityVigilanceStore,
    private readonly insi: InsiClient,
    private readonly now: () => string,
  ) {}

  /** The patient's traits as given (typed, or read from the card and completed): provisional. */
  recordTraits(sessionId: string, traits: InsTraits): InsIdentity {
    const identity = provisionalIdentity(traits);
    this.store.saveInsIdentity(sessionId, identity, this.now());
    return identity;
  }

  /** Asks INSi with the stored traits; a single, consistent answer recovers the INS. */
  async askInsi(sessionId: string): Promise<VigilanceOutcome> {
    const current = this.store.insIdentity(sessionId);
    if (!current) return { ok: false, refusal: { reason: 'no-identity' } };
    const t = current.traits;
    if (t.sex === 'I') return { ok: false, refusal: { reason: 'not-found' } };
    const answer = await this.insi.searchByTraits({
      birthName: t.birthName,
      givenName: t.birthGivenNames.split(/\s+/)[0]!,
      sex: t.sex,
      birthDate: t.birthDate,
      birthplaceCode: t.birthplaceCode,
    });
    const result = applyInsiAnswer(current, answer, this.now());
    if (result.ok) this.store.saveInsIdentity(sessionId, result.identity, this.now());
    return result;
  }

  /** A high-trust document was checked against the traits, by this staff account. */
  recordDocument(sessionId: string, kind: IdentityDocument, checkedBy: string): VigilanceOutcome {
    const current = this.store.insIdentity(sessionId);
    if (!current) return { ok: false, refusal: { reason: 'no-identity' } };
    const identity = recordDocumentCheck(current, { kind, checkedBy, checkedAt: this.now() });
    this.store.saveInsIdentity(sessionId, identity, this.now());
    return { ok: true, identity };
  }
}
