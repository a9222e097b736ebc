import { randomInt } from 'node:crypto';
import { openPlatformStores } from '../platform-stores';
import { databaseUrlFrom, DATABASE_URL_ENV } from '../records/pg-database';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { PgTechnicianAccounts, type TechnicianAccounts } from './technician-accounts';
import type { RecordsDatabaseFile } from '../records/records-database';

export const TECHNICIAN_COMMANDS = ['add-technician', 'revoke-technician'] as const;
export type TechnicianCommand = (typeof TECHNICIAN_COMMANDS)[number];

export function isTechnicianCommand(command: string | undefined): command is TechnicianCommand {
  return (TECHNICIAN_COMMANDS as readonly (string | undefined)[]).includes(command);
}

export const TECHNICIAN_USAGE = `add-technician --id ID --name N   (secret from PLATFORM_TECHNICIAN_SECRET, else one is made and printed once)
  revoke-technician <id>`;

/** Letters and digits nobody mistakes for one another on a touchscreen keyboard. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new secret as "xxxx-xxxx-xxxx" (about 59 bits): typed on the kiosk's keyboard, so no capitals. */
export function newTechnicianSecret(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

/**
 * `add-technician --id tech.martin --name "Léa Martin"`: creates the account (or gives it a new
 * secret and lifts its revocation); the secret comes from PLATFORM_TECHNICIAN_SECRET (never argv,
 * which other users of the host can read), else one is made and printed once. Kiosks receive it
 * at their next fetch (every few minutes). `revoke-technician <id>`: kiosks drop it at their next.
 */
export async function runTechnicianCommand(
  database: RecordsDatabaseFile,
  command: TechnicianCommand,
  arg: string | undefined,
  values: { id?: string; name?: string },
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const stores = await openTechnicians(database, env);
  try {
    if (command === 'revoke-technician') {
      if (!arg) throw new Error('revoke-technician: give the identifier, e.g. `revoke-technician tech.martin`');
      if (!(await stores.technicians.revoke(arg))) throw new Error(`revoke-technician: no active account "${arg}"`);
      return `technician ${arg} revoked: kiosks drop the account at their next fetch (within 5 minutes)`;
    }
    if (!values.id || !values.name) throw new Error('add-technician: --id and --name are required');
    const given = env.PLATFORM_TECHNICIAN_SECRET;
    const secret = given || newTechnicianSecret();
    const account = await stores.technicians.upsert({ id: values.id, name: values.name, secret });
    const shown = given ? '' : `\nsecret (shown once, give it to the technician): ${secret}`;
    return `technician ${account.id} (${account.name}) saved; kiosks receive it at their next fetch${shown}`;
  } finally {
    await stores.close();
  }
}

/** The accounts where the platform keeps them: PostgreSQL with PLATFORM_DATABASE_URL, else the records file. */
async function openTechnicians(database: RecordsDatabaseFile, env: NodeJS.ProcessEnv) {
  const url = databaseUrlFrom(env[DATABASE_URL_ENV]);
  if (url) {
    if (!database.key) throw new Error('the PostgreSQL technician accounts need the platform data key');
    const pg = await PgRecordsRepository.open({ url, key: database.key });
    return {
      technicians: new PgTechnicianAccounts(pg.connection().pool) as TechnicianAccounts,
      close: () => pg.close(),
    };
  }
  const stores = openPlatformStores(database);
  return { technicians: stores.technicians, close: async () => stores.close() };
}
