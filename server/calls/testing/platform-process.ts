import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import type { SocketLike } from '../../../common/net/socket-connection';
import { KioskMethods, PlatformToKiosk, SIGNALING_PATH } from '../../../common/signaling/messages';
import { SignalingClient } from '../../../common/signaling/signaling-client';
import { QUEUE_ENTRY } from '../../testing/signal-clients';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The platform as production runs it: `server/main.ts` in its own process, killed for real. */
export interface PlatformProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
}

/**
 * Starts `server/main.ts` on a data folder with the given environment (the data key, maybe
 * PLATFORM_DATABASE_URL) and development kiosks whose credentials it writes in the folder's parent.
 */
export async function startPlatformProcess(dataDir: string, env: Record<string, string>, kiosks: string[]) {
  const args = ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dataDir, '--workers', '1'];
  for (const kiosk of kiosks) args.push('--dev-kiosk', `${kiosk}=${credentialFile(dataDir, kiosk)}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, KIOSK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /PLATFORM_URL=(\S+)/.exec(out);
      if (found) done(found[1]!);
    });
    child.once('exit', (code) => fail(new Error(`the platform exited (${code}) before listening: ${stderr}`)));
  });
  const exited = new Promise((done) => child.once('exit', done));
  return {
    url,
    child,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  } satisfies PlatformProcess;
}

function credentialFile(dataDir: string, kioskId: string): string {
  return join(dataDir, '..', `${kioskId}.credential`);
}

/** A call ticket for a session, through the HTTP API with the kiosk's credential, as the kiosk's main. */
export async function ticketOf(url: string, dataDir: string, kioskId: string, sessionId: string) {
  const credential = readFileSync(credentialFile(dataDir, kioskId), 'utf8').trim();
  const res = await fetch(`${url}/api/call-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId }),
  });
  if (!res.ok) throw new Error(`call ticket: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** A kiosk socket joining (or rejoining) the queue with its session and ticket. */
export async function kioskJoins(url: string, token: string, sessionId: string) {
  const client = new SignalingClient({
    url: `${url.replace(/^http/, 'ws')}${SIGNALING_PATH}`,
    methods: KioskMethods,
    incoming: PlatformToKiosk,
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
  });
  await client.opened;
  const joined = await client.request('join-queue', {
    token,
    sessionId,
    queueEntry: QUEUE_ENTRY,
    identity: null,
    devices: [],
  });
  return { client, joined };
}
