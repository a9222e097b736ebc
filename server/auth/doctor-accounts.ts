import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DoctorScope } from '../../common/routing/doctor-scope';
import { DoctorInfo } from '../../common/signaling/messages';
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

const StoredAccount = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  rpps: z.string(),
  /** null: no password, the doctor signs in through Pro Santé Connect only (production). */
  passwordHash: z.string().nullable(),
  // Absent in accounts made before routing: such a doctor takes no patient until it is set.
  scope: DoctorScope.optional(),
  /** Printed under the name on the doctor's prescriptions; absent until the operator sets it. */
  practiceAddress: PracticeAddress.optional(),
});
type StoredAccount = z.infer<typeof StoredAccount>;
const StoredFile = z.object({ doctors: z.array(StoredAccount) });

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

/**
 * Doctor accounts, kept in a JSON file (0600) in the platform's data folder, passwords as scrypt
 * hashes. `file` null keeps them in memory (tests). The file is read again when it changed (the
 * admin command adds a doctor while the platform runs), before each look-up of a sign-in.
 */
export class DoctorAccounts {
  private readonly accounts = new Map<string, StoredAccount>();
  /** The file's modification time and size when last read. */
  private readStamp = '';

  constructor(private readonly file: string | null) {
    this.reloadIfChanged();
  }

  private reloadIfChanged() {
    const stat = this.file ? statSync(this.file, { throwIfNoEntry: false }) : undefined;
    if (!this.file || !stat) return;
    const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (stamp === this.readStamp) return;
    const parsed = StoredFile.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success)
      throw new Error(`doctor accounts file ${this.file} is invalid: ${parsed.error.issues[0]?.path.join('.')}`);
    this.accounts.clear();
    for (const account of parsed.data.doctors) this.accounts.set(account.email.toLowerCase(), account);
    this.readStamp = stamp;
  }

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
    this.reloadIfChanged();
    const email = input.email.trim().toLowerCase();
    const existing = this.accounts.get(email);
    const info = DoctorInfo.parse({ id: existing?.id ?? randomUUID(), name: input.name, rpps: input.rpps });
    const scope = input.scope === undefined ? existing?.scope : parseScope(input.scope);
    if (input.password !== null && input.password.length < 8) throw new Error('password: at least 8 characters');
    const holder = [...this.accounts.values()].find((a) => a.rpps === info.rpps && a.email !== email);
    if (holder) throw new Error(`rpps: ${info.rpps} is already the RPPS of the account ${holder.email}`);
    const practiceAddress =
      input.practiceAddress === undefined ? existing?.practiceAddress : parsePracticeAddress(input.practiceAddress);
    const passwordHash = input.password === null ? null : await hashPassword(input.password);
    this.accounts.set(email, {
      ...info,
      email,
      passwordHash,
      ...(scope && { scope }),
      ...(practiceAddress && { practiceAddress }),
    });
    this.save();
    return info;
  }

  /** Sets the specialties and territories of an existing account (keeps its password). */
  setScope(email: string, scope: DoctorScope): void {
    this.reloadIfChanged();
    const account = this.accounts.get(email.trim().toLowerCase());
    if (!account) throw new Error(`no doctor account ${email}`);
    account.scope = parseScope(scope);
    this.save();
  }

  has(email: string): boolean {
    this.reloadIfChanged();
    return this.accounts.has(email.trim().toLowerCase());
  }

  /** The doctor of an e-mail address (sharing a consultation, the access log's queries), or null. */
  find(email: string): DoctorInfo | null {
    this.reloadIfChanged();
    const account = this.accounts.get(email.trim().toLowerCase());
    return account ? { id: account.id, name: account.name, rpps: account.rpps } : null;
  }

  /**
   * The patients this doctor may take, read at each sign-in and resume; null when the account has
   * no specialty or territory (made before routing): the doctor then takes nobody.
   */
  scopeOf(doctorId: string): DoctorScope | null {
    this.reloadIfChanged();
    for (const account of this.accounts.values()) if (account.id === doctorId) return account.scope ?? null;
    return null;
  }

  /** The practice address the doctor's prescriptions print, or null when none was recorded. */
  practiceAddressOf(doctorId: string): string | null {
    this.reloadIfChanged();
    for (const account of this.accounts.values()) if (account.id === doctorId) return account.practiceAddress ?? null;
    return null;
  }

  /** The doctor for these credentials, or null (unknown e-mail and wrong password look the same). */
  async verify(email: string, password: string): Promise<DoctorInfo | null> {
    this.reloadIfChanged();
    const account = this.accounts.get(email.trim().toLowerCase());
    // Hash anyway on an unknown e-mail so timing does not tell which accounts exist.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    return account?.passwordHash && ok ? { id: account.id, name: account.name, rpps: account.rpps } : null;
  }

  /** The doctor whose account has this RPPS (Pro Santé Connect's sign-in), or null: none is ever created here. */
  byRpps(rpps: string): DoctorInfo | null {
    this.reloadIfChanged();
    const account = [...this.accounts.values()].find((a) => a.rpps === rpps);
    return account ? { id: account.id, name: account.name, rpps: account.rpps } : null;
  }

  private save() {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ doctors: [...this.accounts.values()] }, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    const stat = statSync(this.file);
    this.readStamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
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
