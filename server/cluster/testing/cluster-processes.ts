import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import type { SocketLike } from '../../../common/net/socket-connection';
import {
  DoctorMethods,
  KioskMethods,
  PlatformToDoctor,
  PlatformToKiosk,
  SIGNALING_PATH,
  type DoctorEvent,
  type KioskEvent,
} from '../../../common/signaling/messages';
import { SignalingClient } from '../../../common/signaling/signaling-client';
import { sleep, systemClock } from '../../../common/util/clock';
import { EventLog, type DoctorClient, type KioskClient } from '../../testing/signal-clients';

const ROOT = resolve(import.meta.dirname, '../../..');

/** One platform node as production runs it (`server/main.ts`), killed for real. */
export interface NodeProcess {
  readonly id: string;
  readonly url: string;
  /** host:port, for HAProxy's `server` line. */
  readonly address: string;
  readonly child: ChildProcess;
  /** What it wrote on stderr lately (its log, for a failure's message). */
  log(): string;
  kill(): Promise<void>;
}

/**
 * Starts node `id` on its own data folder under `root`, with the shared environment (data key,
 * PostgreSQL, Redis). Nodes share the platform secret (as production copies it to each node); the
 * doctor accounts and sessions are in PostgreSQL (server/auth/pg-auth-stores.ts), shared already.
 */
export async function startNode(root: string, id: string, env: Record<string, string>, kiosk: string) {
  const dataDir = join(root, id);
  mkdirSync(dataDir, { recursive: true });
  // The platform secret, made by the first node.
  try {
    copyFileSync(join(root, 'node-a', 'platform-secret'), join(dataDir, 'platform-secret'));
  } catch {
    // The first node makes it.
  }
  const credential = join(root, `${kiosk}.credential`);
  const args = ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dataDir, '--workers', '1', '--dev'];
  args.push('--dev-kiosk', `${kiosk}=${credential}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, KIOSK_LOG_LEVEL: 'info', PLATFORM_NODE_ID: id, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /PLATFORM_URL=(\S+)/.exec(out);
      if (found) done(found[1]!);
    });
    child.once('exit', (code) => fail(new Error(`node ${id} exited (${code}) before listening: ${stderr}`)));
  });
  const exited = new Promise((done) => child.once('exit', done));
  return {
    id,
    url,
    address: new URL(url).host,
    child,
    log: () => stderr,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  } satisfies NodeProcess;
}

/** A kiosk's credential written by the first node (`--dev-kiosk`). */
export function kioskCredential(root: string, kiosk: string): string {
  return readFileSync(join(root, `${kiosk}.credential`), 'utf8').trim();
}

export function wsOf(url: string): string {
  return `${url.replace(/^http/, 'ws')}${SIGNALING_PATH}`;
}

const socket = (url: string) => new WebSocket(url) as unknown as SocketLike;

export async function kioskAt(url: string): Promise<KioskClient> {
  const client = new SignalingClient({
    url: wsOf(url),
    methods: KioskMethods,
    incoming: PlatformToKiosk,
    createSocket: socket,
  }) as KioskClient;
  client.events = new EventLog<KioskEvent>();
  client.on((e) => client.events.push(e));
  await client.opened;
  return client;
}

export async function doctorAt(url: string): Promise<DoctorClient> {
  const client = new SignalingClient({
    url: wsOf(url),
    methods: DoctorMethods,
    incoming: PlatformToDoctor,
    createSocket: socket,
  }) as DoctorClient;
  client.events = new EventLog<DoctorEvent>();
  client.on((e) => client.events.push(e));
  await client.opened;
  return client;
}

/**
 * Tries `attempt` until it succeeds (a client reconnecting through the public URL while the load
 * balancer and the cluster fail over), every 200 ms, at most `withinMs`.
 */
export async function retrying<T>(attempt: () => Promise<T>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(systemClock, 200);
    }
  }
}
