import type { PatientIdentity } from '../../common/identity/identity';
import {
  givenTraitsConflict,
  traitsOfKioskIdentity,
  type IdentityCheckView,
  type InsiOutcome,
} from '../../common/identity/identity-check';
import type { IdentityDocument, InsIdentity, InsTraits } from '../../common/identity/ins';
import { applyInsiAnswer, provisionalIdentity, recordDocumentCheck } from '../../common/identity/ins-vigilance';
import { createLogger } from '../../common/util/logger';
import type { DocumentChecker, IdentityChecks } from './identity-check-store';
import { InsiUnavailable, type InsiClient } from './insi-client';

const log = createLogger('platform:identity');

export type DocumentCheckResult = { ok: true; view: IdentityCheckView } | { ok: false; reason: 'no-identity' };
export type InsiAgainResult =
  { ok: true; view: IdentityCheckView } | { ok: false; reason: 'no-identity' | 'insi-not-failed' | 'no-insi' };

/**
 * Identity vigilance during the session (issue 21 items 1–3). When a session's identity arrives
 * from the kiosk (card or typed), it is kept provisional and INSi is asked at once: found once with
 * a right INS key and traits that agree with what the card or the patient gave → recovered, with the
 * INS and its OID; anything else leaves it provisional with the outcome said plainly. A pharmacist
 * or a doctor then records the identity document checked: recovered → qualified, else validated.
 * Without an INSi client (none configured), nothing is asked and the outcome stays null.
 */
export class SessionIdentityService {
  /** INSi searches under way (a test, or the platform's close, awaits them). */
  private readonly running = new Set<Promise<void>>();
  /** The searches a pharmacist asked for again, by session. */
  private readonly again = new Map<string, Promise<InsiAgainResult>>();

  constructor(
    private readonly store: IdentityChecks,
    private readonly insi: InsiClient | null,
    private readonly now: () => string,
  ) {}

  /**
   * A session's identity as the kiosk synced it. The same traits again (a replayed batch) change
   * nothing; new traits (the patient corrected them) start over as provisional.
   */
  received(kioskId: string, sessionId: string, identity: PatientIdentity): void {
    const traits = traitsOfKioskIdentity(identity);
    // A number awaiting registration gives no sex nor birthplace: nothing to search with.
    if (!traits) return;
    // Stored (and searched) after the batch is answered, as the INSi search always was; a failure is logged.
    const work = this.arrive(kioskId, sessionId, identity.source, traits)
      .catch((error: Error) => log.error(`identity of session ${sessionId} not stored: ${error.message}`))
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }

  private async arrive(kioskId: string, sessionId: string, source: PatientIdentity['source'], traits: InsTraits) {
    if (await this.store.alreadyGiven(sessionId, source, traits)) return;
    await this.store.saveArrival({ sessionId, kioskId, source }, provisionalIdentity(traits), this.now());
    if (!this.insi) await this.store.saveInsiOutcome(sessionId, { kind: 'unavailable', at: this.now() }, null);
    else await this.search(sessionId, this.insi);
  }

  /**
   * The pharmacist asks INSi again for an identity whose search got no answer (network down, INSi
   * failing): only then, since an answer INSi gave (not found, several) would be the same again
   * and only new traits change it. Resolves with the new outcome; a second press meanwhile joins
   * the search under way rather than starting another.
   */
  askInsiAgain(sessionId: string): Promise<InsiAgainResult> {
    // Registered before the store is read (asynchronous): a second press meanwhile joins this one.
    const under = this.again.get(sessionId);
    if (under) return under;
    const asking = this.askOnce(sessionId).finally(() => {
      this.again.delete(sessionId);
      this.running.delete(done);
    });
    const done = asking.then(() => {});
    this.again.set(sessionId, asking);
    this.running.add(done);
    return asking;
  }

  private async askOnce(sessionId: string): Promise<InsiAgainResult> {
    const current = await this.store.view(sessionId);
    if (!current) return { ok: false, reason: 'no-identity' };
    if (!this.insi) return { ok: false, reason: 'no-insi' };
    if (current.insi?.kind !== 'unavailable') return { ok: false, reason: 'insi-not-failed' };
    await this.store.saveInsiOutcome(sessionId, { kind: 'pending', at: this.now() }, null);
    await this.search(sessionId, this.insi);
    return { ok: true, view: (await this.store.view(sessionId))! };
  }

  /** Resolves once every identity being stored and INSi search under way has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  view(sessionId: string): Promise<IdentityCheckView | null> {
    return this.store.view(sessionId);
  }

  forKiosks(kioskIds: readonly string[], sinceIso: string): Promise<IdentityCheckView[]> {
    return this.store.forKiosks(kioskIds, sinceIso);
  }

  /** The staff member checked a high-trust document against the traits; audited with the kind only. */
  async checkDocument(sessionId: string, kind: IdentityDocument, by: DocumentChecker): Promise<DocumentCheckResult> {
    const current = await this.store.view(sessionId);
    if (!current) return { ok: false, reason: 'no-identity' };
    const at = this.now();
    const identity = recordDocumentCheck(current.identity, { kind, checkedBy: `${by.role}:${by.id}`, checkedAt: at });
    await this.store.saveDocumentCheck(sessionId, identity, { kind, by, at });
    log.info(`identity document checked for session ${sessionId} by a ${by.role}: ${identity.status}`);
    return { ok: true, view: { ...current, identity } };
  }

  /** The current (provisional or validated) identity in the store, so a document checked meanwhile is kept. */
  private async search(sessionId: string, insi: InsiClient): Promise<void> {
    const asked = await this.store.view(sessionId);
    if (!asked) return;
    const t = asked.identity.traits;
    let outcome: InsiOutcome['kind'];
    let recovered: InsIdentity | null = null;
    try {
      if (t.sex === 'I') outcome = 'not-found';
      else {
        const answer = await insi.searchByTraits({
          birthName: t.birthName,
          givenName: t.birthGivenNames.split(/\s+/)[0]!,
          sex: t.sex,
          birthDate: t.birthDate,
          birthplaceCode: t.birthplaceCode,
        });
        const latest = (await this.store.view(sessionId))?.identity ?? asked.identity;
        const result = applyInsiAnswer(latest, answer, this.now());
        if (!result.ok) outcome = result.refusal.reason;
        else if (answer.kind === 'found' && givenTraitsConflict(t, answer.traits)) outcome = 'traits-conflict';
        else {
          outcome = 'found';
          recovered = result.identity;
        }
      }
    } catch (error) {
      if (!(error instanceof InsiUnavailable)) throw error;
      log.warn(`INSi not asked for session ${sessionId}: ${error.message}`);
      outcome = 'unavailable';
    }
    await this.store.saveInsiOutcome(sessionId, { kind: outcome, at: this.now() }, recovered);
    log.info(`INSi for session ${sessionId}: ${outcome}`);
  }
}
