import pg from 'pg';
import { ColumnCipher, ColumnKeyError } from './column-cipher';
import { migratePgRecords } from './pg-migrations';

/** The PostgreSQL records database (PLATFORM_DATABASE_URL) and the data key its columns are sealed with. */
export interface PgDatabase {
  readonly url: string;
  readonly key: Buffer;
}

/** host:port/database of a URL, for messages: never its password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

export const DATABASE_URL_ENV = 'PLATFORM_DATABASE_URL';

/**
 * PLATFORM_DATABASE_URL checked (postgres:// or postgresql://, a host, a database); null when unset
 * (the embedded SQLite). The message never repeats the URL: it may hold a password.
 */
export function databaseUrlFrom(text: string | undefined): string | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${DATABASE_URL_ENV}: not a URL (expected postgres://user:password@host:5432/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error(`${DATABASE_URL_ENV}: expected postgres://…, got a ${url.protocol} URL`);
  if (!url.hostname)
    throw new Error(`${DATABASE_URL_ENV}: no host (expected postgres://user:password@host:5432/database)`);
  if (!/^\/[^/]+$/.test(url.pathname))
    throw new Error(`${DATABASE_URL_ENV}: no database name after the host (postgres://…@${url.host}/database)`);
  return text;
}

const KEY_CHECK_PLAIN = Buffer.from('platform records data key check', 'utf8');
const KEY_CHECK_WHERE = 'data_key_check.sealed:1';

/**
 * The first start seals a known value under the key; every later start must open it. A wrong key is
 * then a clear error here, not a database whose every health value fails to open, or looks empty.
 */
async function checkKey(client: pg.ClientBase, cipher: ColumnCipher, where: string): Promise<void> {
  await client.query('INSERT INTO data_key_check (id, sealed) VALUES (1, $1) ON CONFLICT DO NOTHING', [
    cipher.seal(KEY_CHECK_PLAIN, KEY_CHECK_WHERE),
  ]);
  const { rows } = await client.query<{ sealed: Buffer }>('SELECT sealed FROM data_key_check WHERE id = 1');
  try {
    if (!cipher.open(rows[0]!.sealed, KEY_CHECK_WHERE).equals(KEY_CHECK_PLAIN)) throw new ColumnKeyError('mismatch');
  } catch (error) {
    if (!(error instanceof ColumnKeyError)) throw error;
    throw new Error(
      `the platform's data key does not open the PostgreSQL records at ${where}: it is not the key this database was created with (PLATFORM_DATA_KEY_FILE / PLATFORM_DATA_KEY)`,
    );
  }
}

/**
 * A connection pool to the records database, migrated and its key checked. Rejects naming the
 * database (never its password) when it is unreachable, refuses the credentials, is newer than this
 * software, or was created under another key; the pool is closed then.
 */
export async function openPgPool(database: PgDatabase): Promise<{ pool: pg.Pool; cipher: ColumnCipher }> {
  const where = describeDatabaseUrl(database.url);
  const cipher = new ColumnCipher(database.key);
  // Bounded waits: a server that stops answering (a partition without a reset) fails the query rather
  // than holding a kiosk's join, which is answered once its place is stored, for ever.
  const pool = new pg.Pool({
    connectionString: database.url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    query_timeout: 15_000,
  });
  // An idle connection the server dropped must not crash the platform: the next query reconnects.
  pool.on('error', () => {});
  // Nor one checked out when the server goes (a shutdown mid-query): its query fails, the node lives
  // on and says on /healthz that it takes no new calls (server/platform-database-health.ts).
  pool.on('connect', (client) => client.on('error', () => {}));
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`${DATABASE_URL_ENV}: cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`);
  }
  try {
    await migratePgRecords(client);
    await checkKey(client, cipher, where);
  } catch (error) {
    client.release();
    await pool.end().catch(() => {});
    throw error;
  }
  client.release();
  return { pool, cipher };
}
