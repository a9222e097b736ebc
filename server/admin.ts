import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DoctorAccounts } from './auth/doctor-accounts';
import { KIOSK_CREDENTIAL_DAYS, KioskCredentials } from './auth/kiosk-credentials';
import { SqliteKioskRevocations } from './auth/kiosk-revocations';
import { loadOrCreateSecret } from './auth/platform-secret';
import { platformDataDir } from './platform-data-dir';
import { ExportTokens } from './records/export-tokens';
import { RECORDS_FILE_NAME } from './records/records-service';

/**
 * Platform administration, run on the platform host against its data folder:
 *
 *   node --import tsx server/admin.ts kiosk-credential <kioskId> [--data-dir DIR]
 *     prints a new credential for the kiosk (install it as its `platform.credentialFile`, 0600); it
 *     lives 90 days (`--credential-days N`, at most 365), and the kiosk is handed a new one over its
 *     heartbeat in its last 30;
 *   node --import tsx server/admin.ts revoke-kiosk-credential <kioskId> [--data-dir DIR]
 *     refuses every credential issued to that kiosk until now, at its next request;
 *   [PLATFORM_DOCTOR_PASSWORD=…] node --import tsx server/admin.ts add-doctor --email E --name N --rpps R [--data-dir DIR]
 *     creates or updates a doctor account; the doctor signs in through Pro Santé Connect by the RPPS.
 *     A password (from the environment, never argv) serves only a development platform (`--dev`);
 *   node --import tsx server/admin.ts export-token create [--days N] [--label L] [--data-dir DIR]
 *     prints a new FHIR export token (shown once, stored hashed; 30 days unless --days, at most 90);
 *   node --import tsx server/admin.ts export-token revoke <id> [--data-dir DIR]
 *     revokes it at once (the id is the token's second part).
 */
export async function runAdmin(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      rpps: { type: 'string' },
      days: { type: 'string', default: '30' },
      'credential-days': { type: 'string', default: String(KIOSK_CREDENTIAL_DAYS) },
      label: { type: 'string', default: 'fhir export' },
    },
  });
  const dataDir = platformDataDir(values['data-dir'], env);
  const [command, arg] = positionals;
  if (command === 'kiosk-credential' || command === 'revoke-kiosk-credential') {
    if (!arg) throw new Error(`${command}: give the kiosk id, e.g. \`${command} pharmacie-centrale-1\``);
    return kioskCredential(dataDir, command, arg, values['credential-days']);
  }
  if (command === 'add-doctor') {
    const password = env.PLATFORM_DOCTOR_PASSWORD || null;
    if (!values.email || !values.name || !values.rpps)
      throw new Error('add-doctor: --email, --name and --rpps are required');
    const doctor = await new DoctorAccounts(join(dataDir, 'doctors.json')).upsert({
      email: values.email,
      password,
      name: values.name,
      rpps: values.rpps,
    });
    return `doctor ${doctor.id} saved (RPPS ${doctor.rpps}: signs in with Pro Santé Connect${password ? '; password for development' : ''})`;
  }
  if (command === 'export-token') return exportToken(dataDir, positionals.slice(1), values);
  throw new Error(
    'usage: admin.ts kiosk-credential <kioskId> [--credential-days N] | revoke-kiosk-credential <kioskId> | add-doctor --email E --name N --rpps R | export-token create [--days N] [--label L] | export-token revoke <id>   [--data-dir DIR]',
  );
}

function kioskCredential(dataDir: string, command: string, kioskId: string, days: string): string {
  const revocations = new SqliteKioskRevocations(join(dataDir, RECORDS_FILE_NAME));
  try {
    const credentials = new KioskCredentials(loadOrCreateSecret(join(dataDir, 'platform-secret')), { revocations });
    if (command === 'kiosk-credential') return credentials.issue(kioskId, Number(days));
    credentials.revoke(kioskId);
    return `every credential of kiosk ${kioskId} issued until now is revoked; issue it a new one with kiosk-credential`;
  } finally {
    revocations.close();
  }
}

function exportToken(dataDir: string, [action, id]: string[], values: { days: string; label: string }): string {
  const tokens = new ExportTokens(join(dataDir, RECORDS_FILE_NAME));
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
