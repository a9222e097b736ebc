import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  KIOSK_CREDENTIAL_REFUSALS,
  kioskCredentialRefusal,
  type KioskCredentialRefusal,
} from '../common/signaling/kiosk-credential-refusal';
import { createLogger } from '../common/util/logger';

const log = createLogger('kiosk:main:credential');

/**
 * The kiosk's platform credential, in `platform.credentialFile`: the one place that reads it (the
 * call tickets, the heartbeat and the records sync all ask here, at each request, so a credential
 * the operator installs is used at once), stores the new one the platform hands over before the
 * old one expires, and logs why the platform refuses it.
 */
export class PlatformCredential {
  private lastRefusal: KioskCredentialRefusal | null = null;

  constructor(readonly file: string) {}

  /** The credential, or null when the file is missing or empty. */
  read(): string | null {
    try {
      return readFileSync(this.file, 'utf8').trim() || null;
    } catch {
      return null;
    }
  }

  /** The credential; throws naming the file when there is none (the caller reports it its own way). */
  require(): string {
    const credential = this.read();
    if (credential === null) throw new Error(`no kiosk credential in ${this.file}`);
    return credential;
  }

  /** Stores a new credential: written beside the old one, then renamed over it, so a crash leaves one whole. */
  replace(credential: string): void {
    const next = `${this.file}.next`;
    writeFileSync(next, `${credential}\n`, { mode: 0o600 });
    renameSync(next, this.file);
    log.info('platform credential renewed');
  }

  /**
   * Notes a platform's refusal code (the `error` of a 401); logs the cause once until the credential
   * is accepted again. Returns whether the code was a credential refusal.
   */
  refused(code: unknown): boolean {
    const refusal = kioskCredentialRefusal(code);
    if (refusal && refusal !== this.lastRefusal) log.error(KIOSK_CREDENTIAL_REFUSALS[refusal]);
    if (refusal) this.lastRefusal = refusal;
    return refusal !== null;
  }

  /** What the pharmacist is shown: the last refusal, 'missing' without a credential file, else null. */
  state(): KioskCredentialRefusal | 'missing' | null {
    return this.read() === null ? 'missing' : this.lastRefusal;
  }

  /** The platform took the credential (it may have been replaced by the operator). */
  accepted(): void {
    if (this.lastRefusal) log.info('platform credential accepted again');
    this.lastRefusal = null;
  }
}
