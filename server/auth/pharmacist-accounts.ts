import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PharmacyId } from '../pharmacy/pharmacy-directory';
import type { PharmacistAccountStore } from './auth-stores';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash';

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
 * Pharmacist accounts, each scoped to one pharmacy, in the platform's store beside the doctors'
 * (auth-stores.ts), passwords as scrypt hashes like the doctors'. The admin command writes the same
 * store, so an account it adds signs in at once.
 */
export class PharmacistAccounts {
  constructor(private readonly store: PharmacistAccountStore) {}

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
    const id = (await this.store.byEmail(email.data))?.id ?? randomUUID();
    const passwordHash = await hashPassword(input.password);
    await this.store.save({ id, email: email.data, name, pharmacyId: input.pharmacyId, passwordHash });
    return { id, name, pharmacyId: input.pharmacyId };
  }

  async has(email: string): Promise<boolean> {
    return (await this.store.byEmail(email.trim().toLowerCase())) !== null;
  }

  /** The account for these credentials, or null (unknown e-mail and wrong password look the same). */
  async verify(email: string, password: string): Promise<PharmacistAccount | null> {
    const account = await this.store.byEmail(email.trim().toLowerCase());
    // Hash anyway on an unknown e-mail so timing does not tell which accounts exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    return account && ok ? { id: account.id, name: account.name, pharmacyId: account.pharmacyId } : null;
  }
}
