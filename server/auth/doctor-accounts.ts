import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DoctorInfo } from '../../common/signaling/messages';
import { hashPassword, verifyPassword } from './password-hash';

const StoredAccount = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  rpps: z.string(),
  passwordHash: z.string(),
});
type StoredAccount = z.infer<typeof StoredAccount>;
const StoredFile = z.object({ doctors: z.array(StoredAccount) });

/** The dev account seeded by `npm start` and the e2e fixture (documented in README.md). */
export const DEV_DOCTOR = {
  email: 'dr.martin@kiosk.test',
  password: 'consultation-dev',
  name: 'Dr Claire Martin',
  rpps: '10000000001',
} as const;

/**
 * Doctor accounts, kept in a JSON file (0600) in the platform's data folder, passwords as scrypt
 * hashes. `file` null keeps them in memory (tests).
 */
export class DoctorAccounts {
  private readonly accounts = new Map<string, StoredAccount>();

  constructor(private readonly file: string | null) {
    if (file && existsSync(file)) {
      const parsed = StoredFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success)
        throw new Error(`doctor accounts file ${file} is invalid: ${parsed.error.issues[0]?.path.join('.')}`);
      for (const account of parsed.data.doctors) this.accounts.set(account.email.toLowerCase(), account);
    }
  }

  /** Adds or replaces (same e-mail) an account. Throws when the name or RPPS is invalid. */
  async upsert(input: { email: string; password: string; name: string; rpps: string }): Promise<DoctorInfo> {
    const email = input.email.trim().toLowerCase();
    const info = DoctorInfo.parse({
      id: this.accounts.get(email)?.id ?? randomUUID(),
      name: input.name,
      rpps: input.rpps,
    });
    if (input.password.length < 8) throw new Error('password: at least 8 characters');
    this.accounts.set(email, { ...info, email, passwordHash: await hashPassword(input.password) });
    this.save();
    return info;
  }

  has(email: string): boolean {
    return this.accounts.has(email.trim().toLowerCase());
  }

  /** The doctor for these credentials, or null (unknown e-mail and wrong password look the same). */
  async verify(email: string, password: string): Promise<DoctorInfo | null> {
    const account = this.accounts.get(email.trim().toLowerCase());
    // Hash anyway on an unknown e-mail so timing does not tell which accounts exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    return account && ok ? { id: account.id, name: account.name, rpps: account.rpps } : null;
  }

  private save() {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ doctors: [...this.accounts.values()] }, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
