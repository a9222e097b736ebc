import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { sleep, systemClock } from '../../common/util/clock';
import { requireStack } from '../../common/util/testing/require-stack';

const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
/** The configuration production uses (README "Several nodes"), run as it is. */
export const HAPROXY_CONFIG = resolve(import.meta.dirname, '../../build/haproxy/platform.cfg');
const READY_MS = 10_000;

export interface HaproxyInstance {
  /** The public URL (http://127.0.0.1:port). */
  readonly url: string;
  /** Stops it by its PID. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Whether haproxy is installed and accepts build/haproxy/platform.cfg (`haproxy -c`), for a Vitest file. */
export function requireHaproxyBinary() {
  return requireStack('HAProxy', checkHaproxy);
}

/** Resolves when haproxy is installed and accepts build/haproxy/platform.cfg; rejects with why not. */
export async function checkHaproxy(): Promise<true> {
  if (!existsSync(HAPROXY)) throw new Error(`${HAPROXY} missing (scripts/setup installs haproxy)`);
  const check = spawn(HAPROXY, ['-c', '-f', HAPROXY_CONFIG], {
    env: {
      ...process.env,
      HAPROXY_BIND: '127.0.0.1:1',
      PLATFORM_NODE_A: '127.0.0.1:2',
      PLATFORM_NODE_B: '127.0.0.1:3',
    },
  });
  let output = '';
  check.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => check.once('exit', done));
  if (code !== 0) throw new Error(`haproxy -c refused ${HAPROXY_CONFIG}: ${output.trim()}`);
  return true;
}

/**
 * build/haproxy/platform.cfg in the foreground (`-db`) on a free loopback port, in front of the two
 * nodes' addresses (host:port); resolved once it answers.
 */
export async function startHaproxy(nodes: [string, string]): Promise<HaproxyInstance> {
  const port = await freePort();
  const env = {
    ...process.env,
    HAPROXY_BIND: `127.0.0.1:${port}`,
    PLATFORM_NODE_A: nodes[0],
    PLATFORM_NODE_B: nodes[1],
  };
  const child = spawn(HAPROXY, ['-db', '-f', HAPROXY_CONFIG], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exit: string | null = null;
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  child.on('exit', (code, signal) => (exit = `${signal ?? code}: ${output.trim()}`));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    if (exit !== null || Date.now() > deadline) {
      if (exit === null) child.kill('SIGKILL');
      throw new Error(`haproxy did not start: ${exit ?? 'no healthy answer'}`);
    }
    await sleep(systemClock, 100);
  }
  return {
    url,
    async stop() {
      if (exit !== null) return;
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
