import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep, systemClock } from '../../common/util/clock';
import { requireStack, type RequiredStack } from '../../common/util/testing/require-stack';

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
const READY_MS = 15_000;

/** A private Redis for a test (the cross-node bus): loopback only, no persistence, its own folder. */
export interface RedisInstance {
  readonly port: number;
  readonly url: string;
  /** Stops it by its PID and removes its folder. */
  stop(): Promise<void>;
}

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

/** PING answered +PONG: the server takes commands. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
  });
}

/**
 * `redis-server --port N --bind 127.0.0.1 --save '' --appendonly no` in a temporary folder (Debian's
 * `redis-server`; scripts/setup installs it), waited for until it answers PING.
 */
export async function startRedis(): Promise<RedisInstance> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} missing (scripts/setup installs redis-server)`);
  const dir = mkdtempSync(join(tmpdir(), 'redis-test-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exit: string | null = null;
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => (exit = `${signal ?? code}: ${output.trim().split('\n').slice(-2).join(' ')}`));
  const kill = () => {
    if (child.pid !== undefined && exit === null) process.kill(child.pid, 'SIGTERM');
  };
  process.once('exit', kill);
  const deadline = Date.now() + READY_MS;
  while (!(await pong(port))) {
    const failure = exit ?? (Date.now() > deadline ? `no PONG on port ${port} after ${READY_MS} ms` : null);
    if (failure !== null) {
      kill();
      throw new Error(`redis-server did not start: ${failure}`);
    }
    await sleep(systemClock, 50);
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      process.removeListener('exit', kill);
      kill();
      if (exit === null) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A private Redis for a test file; under CI a machine without it fails the file with the reason. */
export function requireRedis(): Promise<RequiredStack<RedisInstance>> {
  return requireStack('Redis', startRedis, { stop: (instance) => instance.stop() });
}
