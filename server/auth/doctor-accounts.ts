import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DoctorScope } from '../../common/routing/doctor-scope';
import { DoctorInfo } from '../../common/signaling/messages';
import type { DoctorAccountStore, StoredDoctor } from './auth-stores';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash';

/**
 * The prescriber's practice address, as a French ordonnance prints it under the name (one line,
 * e.g. "12 rue de la Paix, 75002 Paris"); its postcode lets the patient and the pharmacist tell it.
 */
export const PracticeAddress = z
  .string()
  .trim()
  .min(8, 'at least 8 characters, e.g. "12 rue de la Paix, 75002 Paris"')
  .max(200, 'at most 200 characters')
  .regex(/\b\d{5}\b/, 'give the 5-digit postcode, e.g. "12 rue de la Paix, 75002 Paris"')
  .refine((text) => !/[\r\n]/.test(text), 'one line');

/** The dev account seeded by `npm start` and the e2e fixture (documented in README.md). */
export const DEV_DOCTOR: Readonly<{
  email: string;
  password: string;
  name: string;
  rpps: string;
  scope: DoctorScope;
  practiceAddress: string;
}> = {
  email: 'dr.martin@kiosk.test',
  password: 'consultation-dev',
  name: 'Dr Claire Martin',
  rpps: '10000000001',
  // The development kiosk's pharmacy is in Paris (kiosk-config/default.json: site.territory "75").
  scope: { specialties: ['general-practice', 'paediatrics'], territories: ['75', '92', '93', '94'] },
  // A made-up address (development only), so the printed ordonnance shows where one goes.
  practiceAddress: 'Cabinet de démonstration, 10 rue de l’Exemple, 75014 Paris',
};

const infoOf = (a: StoredDoctor): DoctorInfo => ({ id: a.id, name: a.name, rpps: a.rpps });

/**
 * Doctor accounts in the platform's store (auth-stores.ts: the records' SQLite file, or PostgreSQL
 * shared by every node), passwords as scrypt hashes. The admin command writes the same store, so an
 * account it adds signs in at once on every node. Checks what an account may hold, naming the field.
 */
export class DoctorAccounts {
  constructor(private readonly store: DoctorAccountStore) {}

  /**
   * Adds or replaces (same e-mail) an account; without `scope` an existing account keeps its own.
   * Without a password the account signs in only through Pro Santé Connect, by its RPPS. Throws when
   * the name, RPPS, password or scope is invalid, naming the field, or when the RPPS is another
   * account's (a sign-in by RPPS must find one doctor).
   */
  async upsert(input: {
    email: string;
    password: string | null;
    name: string;
    rpps: string;
    scope?: DoctorScope;
    /** Without it an existing account keeps its own. */
    practiceAddress?: string;
  }): Promise<DoctorInfo> {
    const email = input.email.trim().toLowerCase();
    const existing = await this.store.byEmail(email);
    const info = DoctorInfo.parse({ id: existing?.id ?? randomUUID(), name: input.name, rpps: input.rpps });
    const scope = input.scope === undefined ? (existing?.scope ?? null) : parseScope(input.scope);
    if (input.password !== null && input.password.length < 8) throw new Error('password: at least 8 characters');
    const holder = await this.store.byRpps(info.rpps);
    if (holder && holder.email !== email)
      throw new Error(`rpps: ${info.rpps} is already the RPPS of the account ${holder.email}`);
    const practiceAddress =
      input.practiceAddress === undefined
        ? (existing?.practiceAddress ?? null)
        : parsePracticeAddress(input.practiceAddress);
    const passwordHash = input.password === null ? null : await hashPassword(input.password);
    await this.store.save({ ...info, email, passwordHash, scope, practiceAddress });
    return info;
  }

  /** Sets the specialties and territories of an existing account (keeps its password). */
  async setScope(email: string, scope: DoctorScope): Promise<void> {
    const account = await this.store.byEmail(email.trim().toLowerCase());
    if (!account) throw new Error(`no doctor account ${email}`);
    await this.store.save({ ...account, scope: parseScope(scope) });
  }

  async has(email: string): Promise<boolean> {
    return (await this.store.byEmail(email.trim().toLowerCase())) !== null;
  }

  /** The doctor of an e-mail address (sharing a consultation, the access log's queries), or null. */
  async find(email: string): Promise<DoctorInfo | null> {
    const account = await this.store.byEmail(email.trim().toLowerCase());
    return account && infoOf(account);
  }

  /**
   * The patients this doctor may take, read at each sign-in and resume; null when the account has
   * no specialty or territory (made before routing): the doctor then takes nobody.
   */
  async scopeOf(doctorId: string): Promise<DoctorScope | null> {
    return (await this.store.byId(doctorId))?.scope ?? null;
  }

  /** The practice address the doctor's prescriptions print, or null when none was recorded. */
  async practiceAddressOf(doctorId: string): Promise<string | null> {
    return (await this.store.byId(doctorId))?.practiceAddress ?? null;
  }

  /** The doctor for these credentials, or null (unknown e-mail and wrong password look the same). */
  async verify(email: string, password: string): Promise<DoctorInfo | null> {
    const account = await this.store.byEmail(email.trim().toLowerCase());
    // Hash anyway on an unknown e-mail so timing does not tell which accounts exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    return account?.passwordHash && ok ? infoOf(account) : null;
  }

  /** The doctor whose account has this RPPS (Pro Santé Connect's sign-in), or null: none is ever created here. */
  async byRpps(rpps: string): Promise<DoctorInfo | null> {
    const account = await this.store.byRpps(rpps);
    return account && infoOf(account);
  }
}

/** The scope checked, or an Error naming what is wrong (`scope.territories.0: a département code…`). */
function parseScope(scope: DoctorScope): DoctorScope {
  const parsed = DoctorScope.safeParse(scope);
  if (parsed.success)
    return { specialties: [...new Set(parsed.data.specialties)], territories: [...new Set(parsed.data.territories)] };
  const issue = parsed.error.issues[0]!;
  throw new Error(`scope.${issue.path.join('.')}: ${issue.message}`);
}

/** The address checked, or an Error naming what is wrong (`practiceAddress: give the 5-digit postcode…`). */
function parsePracticeAddress(text: string): string {
  const parsed = PracticeAddress.safeParse(text);
  if (parsed.success) return parsed.data;
  throw new Error(`practiceAddress: ${parsed.error.issues[0]!.message}`);
}
