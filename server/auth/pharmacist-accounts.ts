import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PharmacyId } from '../pharmacy/pharmacy-directory';
import { WatchedJsonFile } from '../storage/json-file';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash';

const StoredAccount = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().min(1).max(120),
  /** The one pharmacy whose cabins this pharmacist sees. */
  pharmacyId: PharmacyId,
  passwordHash: z.string(),
});
type StoredAccount = z.infer<typeof StoredAccount>;
const StoredFile = z.object({ pharmacists: z.array(StoredAccount) });

/** An account as the sign-in finds it (the pharmacy's name is the directory's). */
export interface PharmacistAccount {
  id: string;
  name: string;
  pharmacyId: string;
}

/** The development pharmacist seeded by `--dev` (README), in the development pharmacy. */
export const DEV_PHARMACIST = {
  email: 'pharmacien@kiosk.test',
  password: 'comptoir-dev',
  name: 'Camille Durand',
} as const;

/**
 * Pharmacist accounts, each scoped to one pharmacy (`pharmacists.json` in the platform's data
 * folder, 0600), passwords as scrypt hashes like the doctors'. Read again when the admin command
 * changes the file.
 */
export class PharmacistAccounts {
  private readonly store: WatchedJsonFile<z.infer<typeof StoredFile>>;

  constructor(file: string | null) {
    this.store = new WatchedJsonFile(file, StoredFile, () => ({ pharmacists: [] }));
  }

  /** Adds or replaces (same e-mail) an account. Throws naming what is wrong. */
  async upsert(input: {
    email: string;
    password: string;
    name: string;
    pharmacyId: string;
  }): Promise<PharmacistAccount> {
    const email = z.email().safeParse(input.email.trim().toLowerCase());
    if (!email.success) throw new Error(`email: not an e-mail address (got "${input.email}")`);
    const name = input.name.trim();
    if (name.length === 0 || name.length > 120) throw new Error('name: 1 to 120 characters');
    if (!PharmacyId.safeParse(input.pharmacyId).success)
      throw new Error(`pharmacy: lower-case letters, digits and dashes (got "${input.pharmacyId}")`);
    if (input.password.length < 8) throw new Error('password: at least 8 characters');
    const accounts = this.store.current().pharmacists;
    const id = accounts.find((a) => a.email === email.data)?.id ?? randomUUID();
    const account: StoredAccount = {
      id,
      email: email.data,
      name,
      pharmacyId: input.pharmacyId,
      passwordHash: await hashPassword(input.password),
    };
    this.store.write({ pharmacists: [...accounts.filter((a) => a.email !== email.data), account] });
    return { id, name, pharmacyId: input.pharmacyId };
  }

  has(email: string): boolean {
    return this.find(email) !== undefined;
  }

  /** The account for these credentials, or null (unknown e-mail and wrong password look the same). */
  async verify(email: string, password: string): Promise<PharmacistAccount | null> {
    const account = this.find(email);
    // Hash anyway on an unknown e-mail so timing does not tell which accounts exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    return account && ok ? { id: account.id, name: account.name, pharmacyId: account.pharmacyId } : null;
  }

  private find(email: string): StoredAccount | undefined {
    const key = email.trim().toLowerCase();
    return this.store.current().pharmacists.find((a) => a.email === key);
  }
}
