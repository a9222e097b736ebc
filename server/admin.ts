import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { accessLogCommand } from './access/access-log-admin';
import { Specialty } from '../common/flow/care-pathway';
import type { z } from 'zod';
import type { DoctorScope } from '../common/routing/doctor-scope';
import { Territory } from '../common/routing/territory';
import { DoctorAccounts } from './auth/doctor-accounts';
import { KIOSK_CREDENTIAL_DAYS, KioskCredentials } from './auth/kiosk-credentials';
import { openAdminAuthStores } from './auth/open-auth-stores';
import { loadOrCreateSecret } from './auth/platform-secret';
import { platformDataDir } from './platform-data-dir';
import { platformDataKey } from './platform-data-key';
import { TECHNICIAN_USAGE, isTechnicianCommand, runTechnicianCommand } from './auth/technician-admin';
import { PHARMACY_COMMANDS, PHARMACY_USAGE, runPharmacyCommand } from './pharmacy/pharmacy-admin';
import { ExportTokens } from './records/export-tokens';
import { encryptPlaintextStores } from './records/plaintext-migration';
import { recordsDatabaseFile, type RecordsDatabaseFile } from './records/records-database';
import { CALIBRATION_USAGE, runCalibrationAdmin } from './calibration-admin';
import { BILLING_USAGE, runBillingAdmin } from './billing-admin';
import { CONSENT_USAGE, runConsentAdmin } from './consent/consent-admin';

const USAGE = `usage: admin.ts <command> [--data-dir DIR]
  kiosk-credential <kioskId> [--credential-days N]
  revoke-kiosk-credential <kioskId>
  add-doctor --email E --name N --rpps R --specialties S1,S2 --territories T1,T2 [--practice-address A]
                                                    (a development password from PLATFORM_DOCTOR_PASSWORD)
  export-token create [--days N] [--label L] | export-token revoke <id>
  access-log query [--doctor ID|EMAIL] [--consultation ID] [--since TIME] [--until TIME] [--json]
  access-log verify [--expect SEQ:HASH]
  encrypt-records
  ${TECHNICIAN_USAGE}
  ${CALIBRATION_USAGE.split(' | ').join('\n  ')}
  ${BILLING_USAGE}
  ${CONSENT_USAGE.split(' | ').join('\n  ')}
  ${PHARMACY_USAGE.split(' | ').join('\n  ')}`;

/** The options of the commands parsed here. */
const ADMIN_OPTIONS = {
  'data-dir': { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  rpps: { type: 'string' },
  specialties: { type: 'string' },
  territories: { type: 'string' },
  'practice-address': { type: 'string' },
  days: { type: 'string', default: '30' },
  'credential-days': { type: 'string', default: String(KIOSK_CREDENTIAL_DAYS) },
  label: { type: 'string' },
  pharmacy: { type: 'string' },
  town: { type: 'string' },
  doctor: { type: 'string' },
  consultation: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  json: { type: 'boolean', default: false },
  expect: { type: 'string' },
  id: { type: 'string' },
} satisfies ParseArgsConfig['options'];

/** The commands that parse their own arguments, in their own files. */
const OWN_PARSERS: Record<string, (args: string[], env: NodeJS.ProcessEnv) => Promise<string> | string> = {
  calibrations: (args, env) => runCalibrationAdmin(args, env, Date.now()),
  billing: runBillingAdmin,
  consent: runConsentAdmin,
};

/**
 * Platform administration, run on the platform host against its data folder (`--data-dir`, else
 * PLATFORM_DATA_DIR) with the records' key as the platform reads it (PLATFORM_DATA_KEY_FILE or
 * PLATFORM_DATA_KEY; without either, the development key beside the folder):
 *
 *   kiosk-credential <kioskId>: prints a new credential for the kiosk (install it as its
 *     `platform.credentialFile`, 0600); it lives 90 days (`--credential-days N`, at most 365), and
 *     the kiosk is handed a new one over its heartbeat in its last 30 (then `assign-kiosk` gives it
 *     to its pharmacy);
 *   revoke-kiosk-credential <kioskId>: refuses every credential issued to that kiosk until now;
 *   add-doctor --email E --name N --rpps R --specialties general-practice,paediatrics --territories 75,92:
 *     creates or updates a doctor account; the doctor signs in through Pro Santé Connect by the RPPS.
 *     The patients the doctor may take are those asking for one of the specialties (common/flow/
 *     care-pathway.ts) from a pharmacy in one of the territories (département codes); both are
 *     required for a new account, and an update without them keeps the account's own.
 *     `--practice-address "12 rue de la Paix, 75002 Paris"` is printed under the doctor's name on
 *     the prescriptions (one line, with the postcode); without it an account keeps its own. A password
 *     (from PLATFORM_DOCTOR_PASSWORD, never argv) serves only a development platform (`--dev`);
 *   export-token create [--days N] [--label L]: prints a new FHIR export token (shown once, stored
 *     hashed; 30 days unless --days, at most 90); `export-token revoke <id>` revokes it at once;
 *   access-log query: the reads of consultations' data and the refused attempts, by doctor (id or
 *     e-mail), consultation and/or time range (`--since` inclusive, `--until` exclusive), one line
 *     each (`--json`: one JSON object each), oldest first;
 *   access-log verify [--expect SEQ:HASH]: recomputes the log's hash chain; names the first entry
 *     edited or removed (exit 2), or prints the number of entries and the head's hash. Anyone with
 *     the key could recompute a whole rewritten chain, so note the head elsewhere: `--expect` it
 *     later, and a rewrite of anything up to it shows;
 *   encrypt-records: encrypts an earlier platform's records database and imports its reports and
 *     prescriptions files in clear, once, with the platform stopped.
 *   calibrations register | due: the kiosks' synced calibration register as CSV, and the fleet's
 *     due dates (server/calibration-admin.ts);
 *   billing csv --month YYYY-MM [--pharmacy ID]: the assisted teleconsultations to bill, as CSV
 *     (server/billing-admin.ts);
 *   add-pharmacy, assign-kiosk, add-pharmacist: the pharmacies and their pharmacists
 *     (server/pharmacy/pharmacy-admin.ts);
 *   add-technician, revoke-technician: the field technicians' accounts kiosks sign them in with
 *     (server/auth/technician-admin.ts);
 */
export async function runAdmin(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (Object.hasOwn(OWN_PARSERS, argv[0] ?? '')) return OWN_PARSERS[argv[0]!]!(argv.slice(1), env);
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: ADMIN_OPTIONS });
  const dataDir = platformDataDir(values['data-dir'], env);
  // Read only by the commands that open the records database.
  const key = () => platformDataKey({ dataDir, env, development: true }).key;
  const database = () => recordsDatabaseFile(dataDir, key());
  const [command, arg] = positionals;
  if (command === 'kiosk-credential' || command === 'revoke-kiosk-credential') {
    if (!arg) throw new Error(`${command}: give the kiosk id, e.g. \`${command} pharmacie-centrale-1\``);
    return kioskCredential({ dataDir, database: database(), env }, command, arg, values['credential-days']);
  }
  if (isTechnicianCommand(command)) return runTechnicianCommand(database(), command, arg, values, env);
  const pharmacyCommand = PHARMACY_COMMANDS.find((c) => c === command);
  if (pharmacyCommand) return runPharmacyCommand(dataDir, pharmacyCommand, arg, values, env, database);
  if (command === 'add-doctor') return addDoctor(dataDir, database, values, env);
  if (command === 'export-token')
    return exportToken(database(), positionals.slice(1), { ...values, label: values.label ?? 'fhir export' });
  if (command === 'access-log') return accessLogCommand(dataDir, database(), arg, values, env);
  if (command === 'encrypt-records') {
    const done = encryptPlaintextStores(dataDir, key());
    return done.length > 0 ? done.join('\n') : `nothing in clear in ${dataDir}: already encrypted`;
  }
  throw new Error(USAGE);
}

/** add-doctor: creates or updates a doctor's account in the store every node reads (Pro Santé Connect; a password only for development). */
async function addDoctor(
  dataDir: string,
  database: () => RecordsDatabaseFile,
  values: {
    email?: string;
    name?: string;
    rpps?: string;
    specialties?: string;
    territories?: string;
    'practice-address'?: string;
  },
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const password = env.PLATFORM_DOCTOR_PASSWORD || null;
  if (!values.email || !values.name || !values.rpps)
    throw new Error('add-doctor: --email, --name and --rpps are required');
  // A platform host being set up has no data folder yet: made as the platform makes it (0700).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stores = await openAdminAuthStores(dataDir, database(), env);
  const { email, name, rpps } = values;
  const doctor = await saveDoctor(
    new DoctorAccounts(stores.doctors),
    { ...values, email, name, rpps },
    password,
  ).finally(() => stores.close());
  return `doctor ${doctor.id} saved (RPPS ${doctor.rpps}: signs in with Pro Santé Connect${password ? '; password for development' : ''})`;
}

async function saveDoctor(
  accounts: DoctorAccounts,
  values: Parameters<typeof addDoctor>[2] & { email: string; name: string; rpps: string },
  password: string | null,
) {
  const scope = doctorScope(values.specialties, values.territories, await accounts.has(values.email));
  return accounts.upsert({
    email: values.email,
    password,
    name: values.name,
    rpps: values.rpps,
    ...(scope && { scope }),
    ...(values['practice-address'] !== undefined && { practiceAddress: values['practice-address'] }),
  });
}

/**
 * The scope of add-doctor's comma-separated lists, checked one value at a time so the error names
 * the wrong one; undefined for an existing account given neither (it keeps its own).
 */
function doctorScope(
  specialties: string | undefined,
  territories: string | undefined,
  exists: boolean,
): DoctorScope | undefined {
  if (specialties === undefined && territories === undefined && exists) return undefined;
  if (specialties === undefined || territories === undefined)
    throw new Error(
      'add-doctor: --specialties and --territories are required for a new account, e.g. --specialties general-practice,paediatrics --territories 75,92',
    );
  return {
    specialties: listOf('--specialties', specialties, Specialty, `a specialty (${Specialty.options.join(', ')})`),
    territories: listOf('--territories', territories, Territory, 'a département code (01–95, 2A, 2B, 971–976)'),
  };
}

/** A comma-separated list of values of `schema`, at least one; throws naming the flag and the wrong value. */
function listOf<T>(flag: string, value: string, schema: z.ZodType<T>, expected: string): T[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error(`add-doctor: ${flag}: give at least one, each ${expected}`);
  return items.map((item) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) throw new Error(`add-doctor: ${flag}: "${item}" is not ${expected}`);
    return parsed.data;
  });
}

/** Issues a credential, or revokes a kiosk's in the store every node reads (PLATFORM_DATABASE_URL, else SQLite). */
async function kioskCredential(
  where: { dataDir: string; database: RecordsDatabaseFile; env: NodeJS.ProcessEnv },
  command: string,
  kioskId: string,
  days: string,
): Promise<string> {
  const secret = loadOrCreateSecret(join(where.dataDir, 'platform-secret'));
  if (command === 'kiosk-credential') return new KioskCredentials(secret).issue(kioskId, Number(days));
  const stores = await openAdminAuthStores(where.dataDir, where.database, where.env);
  try {
    await new KioskCredentials(secret, { revocations: stores.revocations }).revoke(kioskId);
    return `every credential of kiosk ${kioskId} issued until now is revoked; issue it a new one with kiosk-credential`;
  } finally {
    await stores.close();
  }
}

function exportToken(
  database: RecordsDatabaseFile,
  [action, id]: string[],
  values: { days: string; label: string },
): string {
  const tokens = new ExportTokens(database);
  try {
    if (action === 'create') {
      const created = tokens.create({ scope: 'fhir-export', days: Number(values.days), label: values.label });
      return `${created.token}\n(id ${created.id}, FHIR export only, expires ${created.expiresAt})`;
    }
    if (action === 'revoke') {
      if (!id) throw new Error('export-token revoke: give the token id (its second part, between the dots)');
      if (!tokens.revoke(id)) throw new Error(`export-token revoke: no token with id ${id}`);
      return `export token ${id} revoked`;
    }
    throw new Error('export-token: expected `create` or `revoke <id>`');
  } finally {
    tokens.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAdmin(process.argv.slice(2)).then(
    (out) => process.stdout.write(`${out}\n`),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
