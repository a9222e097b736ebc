import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sleep, systemClock } from '../../common/util/clock';
import { requireStack, type RequiredStack } from '../../common/util/testing/require-stack';

/** Debian's PostgreSQL 15 (scripts/setup installs `postgresql`). */
const BIN = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const READY_MS = 30_000;

/** A private PostgreSQL server in a temporary folder, on a free loopback port. */
export interface PostgresInstance {
  readonly port: number;
  /** A new empty database on this server, as a connection URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server by its PID (fast shutdown) and removes its folder. */
  stop(): Promise<void>;
}

/** A free TCP port on loopback (the kernel's choice; the server binds it just after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` system user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function serverUserIds(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

function initCluster(dir: string): void {
  const [command, args] = asServerUser(join(BIN, 'initdb'), [
    '-D',
    dir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--no-sync',
    '--locale=C.UTF-8',
  ]);
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${BIN}/initdb: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
}

/** The postmaster's own PID, the first line of postmaster.pid (runuser forks: its PID is not it). */
function postmasterPid(dir: string): number | null {
  const file = join(dir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitReady(port: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const died = exited();
    if (died !== null) throw new Error(`postgres exited before it was ready: ${died}`);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline)
        throw new Error(`postgres not ready on port ${port} after ${READY_MS} ms: ${(error as Error).message}`);
      await sleep(systemClock, 100);
    }
  }
}

/**
 * initdb then postgres in a temporary folder, listening on 127.0.0.1 only, fsync off (a test's
 * server: its data goes with the folder). Throws with the reason when the binaries are missing or
 * the server does not come up.
 */
export async function startPostgres(): Promise<PostgresInstance> {
  if (!existsSync(join(BIN, 'postgres')))
    throw new Error(`${BIN}/postgres missing (scripts/setup installs postgresql)`);
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const ids = serverUserIds();
  if (ids) chownSync(dir, ids.uid, ids.gid);
  initCluster(dir);
  const port = await freePort();
  const [command, args] = asServerUser(join(BIN, 'postgres'), [
    '-D',
    dir,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exit: string | null = null;
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  child.on('exit', (code, signal) => (exit = `${signal ?? code}: ${stderr.trim().split('\n').slice(-2).join(' ')}`));
  const stop = () => {
    const pid = postmasterPid(dir);
    if (pid !== null) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
  };
  // Nothing outlives the test run, even one that fails before its afterAll.
  process.once('exit', stop);
  try {
    await waitReady(port, () => exit);
  } catch (error) {
    stop();
    throw error;
  }
  let count = 0;
  return {
    port,
    async createDatabase(name = `test_${++count}`) {
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.removeListener('exit', stop);
      stop();
      if (exit === null) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A private PostgreSQL for a test file: await it at the top. Under CI a machine without PostgreSQL
 * fails the file with the reason; elsewhere the gated tests skip saying why.
 */
export function requirePostgres(): Promise<RequiredStack<PostgresInstance>> {
  return requireStack('PostgreSQL', startPostgres, { stop: (instance) => instance.stop() });
}
