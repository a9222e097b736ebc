import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bumped if the derivation or the layout ever changes: old values stay readable by their version. */
const VERSION = 1;

/** A sealed value the data key does not open: a wrong key, or a value moved from another row. */
export class ColumnKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ColumnKeyError';
  }
}

/**
 * AES-256-GCM for the health-data columns of the PostgreSQL records (identity, intake, consents,
 * measurements, clip audio, still images): a dump of the database is unreadable without the
 * platform's data key. The column key is derived from the data key (HKDF-SHA256) rather than the
 * data key itself, so the SQLite file's key and this one never encrypt under the same bytes.
 * `where` (table, column, row id) is authenticated with each value: a value copied into another row
 * does not open there.
 */
export class ColumnCipher {
  private readonly key: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error(`the data key must be 32 bytes, got ${dataKey.length}`);
    this.key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'platform records columns v1', 32));
  }

  /** version (1 byte) ‖ IV (12) ‖ ciphertext ‖ tag (16). */
  seal(plain: Uint8Array, where: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(where, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]);
  }

  open(sealed: Uint8Array, where: string): Buffer {
    const value = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (value.length < 1 + IV_BYTES + TAG_BYTES || value[0] !== VERSION)
      throw new ColumnKeyError(`${where}: not a sealed value of this platform`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, value.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(where, 'utf8'));
    decipher.setAuthTag(value.subarray(value.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(value.subarray(1 + IV_BYTES, value.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ColumnKeyError(`${where}: the platform's data key does not open this value`);
    }
  }

  sealJson(value: unknown, where: string): Buffer {
    return this.seal(Buffer.from(JSON.stringify(value), 'utf8'), where);
  }

  openJson<T>(sealed: Uint8Array, where: string): T {
    return JSON.parse(this.open(sealed, where).toString('utf8')) as T;
  }
}
