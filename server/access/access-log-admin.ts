import { DoctorAccounts } from '../auth/doctor-accounts';
import { openAdminAuthStores } from '../auth/open-auth-stores';
import { PgRecordsRepository } from '../records/pg-records-repository';
import { databaseUrlFrom, DATABASE_URL_ENV } from '../records/pg-database';
import { openRecordsDatabase, type RecordsDatabaseFile } from '../records/records-database';
import { actorLabel, type AccessEntry } from './access-entry';
import { AccessLog, type AccessQuery } from './access-log';
import { sqliteAccessLogStore, type AccessLogStore } from './access-store';
import { PgAccessLog } from './pg-access-store';

export interface AccessLogValues {
  doctor?: string;
  consultation?: string;
  since?: string;
  until?: string;
  json: boolean;
  expect?: string;
}

/** One entry per line: number, time, who, what, which consultation, outcome, from where. */
export function formatAccessEntry(e: AccessEntry): string {
  const outcome = e.reason ? `${e.outcome} (${e.reason})` : e.outcome;
  return `#${e.seq} ${new Date(e.at).toISOString()} ${actorLabel(e.actor)} ${e.action} ${e.resource} ${e.resourceId} consultation ${e.consultationId ?? '-'} ${outcome} from ${e.remoteAddress}`;
}

/**
 * The log where the platform writes it: on PostgreSQL when PLATFORM_DATABASE_URL is set (as the
 * platform reads it), else in the records' SQLite file. Closed by the returned function.
 */
async function openLog(database: RecordsDatabaseFile, env: NodeJS.ProcessEnv) {
  const url = databaseUrlFrom(env[DATABASE_URL_ENV]);
  if (url) {
    if (!database.key) throw new Error('the PostgreSQL access log needs the platform data key');
    const pg = await PgRecordsRepository.open({ url, key: database.key });
    return { log: new PgAccessLog(pg.connection().pool) as AccessLogStore, close: () => pg.close() };
  }
  const db = openRecordsDatabase(database);
  return { log: sqliteAccessLogStore(new AccessLog(db)), close: async () => void db.close() };
}

function time(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new Error(`${option}: expected a date or time (2026-03-02, 2026-03-02T10:00Z), got "${text}"`);
  return ms;
}

async function filterOf(
  where: { dataDir: string; database: RecordsDatabaseFile; env: NodeJS.ProcessEnv },
  values: AccessLogValues,
): Promise<AccessQuery> {
  const { dataDir, database, env } = where;
  const filter: AccessQuery = {};
  // A doctor by e-mail is looked up in the accounts: the log holds ids only.
  const doctor = values.doctor;
  if (doctor?.includes('@')) {
    const stores = await openAdminAuthStores(dataDir, database, env);
    const found = await new DoctorAccounts(stores.doctors).find(doctor).finally(() => stores.close());
    if (!found) throw new Error(`--doctor: no doctor account with the e-mail ${doctor}`);
    filter.doctorId = found.id;
  } else if (doctor) filter.doctorId = doctor;
  if (values.consultation) filter.consultationId = values.consultation;
  const since = time('--since', values.since);
  const until = time('--until', values.until);
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  return filter;
}

/** `access-log query|verify`: the reads and refused attempts, or the chain's verification. */
export async function accessLogCommand(
  dataDir: string,
  database: RecordsDatabaseFile,
  action: string | undefined,
  values: AccessLogValues,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  if (action !== 'query' && action !== 'verify') throw new Error('access-log: expected `query` or `verify`');
  const filter = action === 'query' ? await filterOf({ dataDir, database, env }, values) : {};
  const { log, close } = await openLog(database, env);
  try {
    if (action === 'verify') {
      const verdict = await log.verify();
      if (!verdict.ok)
        throw new Error(
          `access log broken at entry #${verdict.seq}: ${verdict.problem} (${verdict.entries} entries read)`,
        );
      if (values.expect) checkNotedHead(await log.query(), values.expect);
      const head = verdict.head ? `; head #${verdict.head.seq} ${verdict.head.hash}` : '';
      return `access log intact: ${verdict.entries} entries${head}`;
    }
    const entries = await log.query(filter);
    if (values.json) return entries.map((e) => JSON.stringify(e)).join('\n');
    return entries.length > 0 ? entries.map(formatAccessEntry).join('\n') : 'no entries';
  } finally {
    await close();
  }
}

/** A head noted earlier (`SEQ:HASH`) must still be in the chain, with the same hash. */
function checkNotedHead(entries: AccessEntry[], noted: string): void {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(noted);
  if (!match) throw new Error(`--expect: expected <seq>:<hash> as verify printed it, got "${noted}"`);
  const seq = Number(match[1]);
  const entry = entries.find((e) => e.seq === seq);
  if (!entry) throw new Error(`access log broken: entry #${seq}, noted earlier, is not in the log`);
  if (entry.hash !== match[2])
    throw new Error(
      `access log rewritten: entry #${seq} no longer has the hash noted earlier (everything up to it was recomputed)`,
    );
}
