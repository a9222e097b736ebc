import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openRecordsDatabase, type RecordsDatabaseFile } from './records-database';

/** What a token may do; only the FHIR export today. */
export type ExportScope = 'fhir-export';

/** The longest life an operator may give a token: exports are a tool's job, re-issued each quarter. */
export const MAX_EXPORT_TOKEN_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^ext1\.([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

interface TokenRow {
  secret_sha256: string;
  scope: string;
  expires_at_ms: number;
  revoked_at_ms: number | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Scoped, revocable export tokens `ext1.<id>.<secret>` in the records database: an admin command
 * creates one (the secret is shown once; only its SHA-256 is stored) and revokes it by id. A tool
 * sends it as `Authorization: Bearer <token>`. Unlike a doctor's password over HTTP Basic, a token
 * is long and random, so guessing it needs no sign-in throttle.
 */
export class ExportTokens {
  private readonly db: Database.Database;

  constructor(
    database: RecordsDatabaseFile,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openRecordsDatabase(database);
  }

  /** A new token; `days` is its life (1 to MAX_EXPORT_TOKEN_DAYS). */
  create(options: { scope: ExportScope; days: number; label: string }): {
    id: string;
    token: string;
    expiresAt: string;
  } {
    if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_EXPORT_TOKEN_DAYS)
      throw new Error(
        `--days: expected a whole number of days from 1 to ${MAX_EXPORT_TOKEN_DAYS}, got ${options.days}`,
      );
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const created = this.now();
    const expires = created + options.days * DAY_MS;
    this.db
      .prepare('INSERT INTO export_tokens VALUES (?, ?, ?, ?, ?, ?, NULL)')
      .run(id, sha256(secret), options.scope, options.label, created, expires);
    return { id, token: `ext1.${id}.${secret}`, expiresAt: new Date(expires).toISOString() };
  }

  /** Revokes a token by id; false when there is no such token. */
  revoke(id: string): boolean {
    return this.db.prepare('UPDATE export_tokens SET revoked_at_ms = ? WHERE id = ?').run(this.now(), id).changes === 1;
  }

  /** True when `Authorization: Bearer <token>` holds a live token of this scope. */
  allows(authorization: string | undefined, scope: ExportScope): boolean {
    return this.holder(authorization, scope) !== null;
  }

  /** The id of the live token of this scope that `Authorization: Bearer <token>` holds, or null. */
  holder(authorization: string | undefined, scope: ExportScope): string | null {
    const match = TOKEN.exec(/^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '');
    if (!match) return null;
    const id = match[1]!;
    const row = this.db
      .prepare<[string], TokenRow>(
        'SELECT secret_sha256, scope, expires_at_ms, revoked_at_ms FROM export_tokens WHERE id = ?',
      )
      .get(id);
    if (!row) return null;
    const same = timingSafeEqual(Buffer.from(row.secret_sha256, 'hex'), Buffer.from(sha256(match[2]!), 'hex'));
    const live = same && row.scope === scope && row.revoked_at_ms === null && this.now() < row.expires_at_ms;
    return live ? id : null;
  }

  close(): void {
    this.db.close();
  }
}
