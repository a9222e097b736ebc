import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createServer } from 'vite';
import type { CallTicket } from '../../common/signaling/call-ticket';
import { ROOT } from '../support/processes';

/**
 * A Vite dev server on loopback for the call test pages (renderer/streaming/testing/*.html), as the
 * call e2e and the call benchmark open them. Resolves to its origin (no trailing slash).
 */
export async function startCallPagesServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    cacheDir: join(ROOT, 'node_modules/.vite-call-pages'),
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    optimizeDeps: { include: ['mediasoup-client'], noDiscovery: true },
  });
  await server.listen();
  return { url: server.resolvedUrls!.local[0]!.replace(/\/$/, ''), close: () => server.close() };
}

/** A call ticket for a new session, fetched as the kiosk's main does: with the kiosk's credential. */
export async function fetchCallTicket(
  platformUrl: string,
  credential: string,
  kioskId: string,
  queueEntry: CallTicket['queueEntry'],
): Promise<CallTicket> {
  const sessionId = randomUUID();
  const res = await fetch(`${platformUrl}/api/call-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId }),
  });
  if (!res.ok) throw new Error(`call ticket refused: ${res.status}`);
  const grant = (await res.json()) as { signalingUrl: string; token: string };
  return { ...grant, sessionId, kioskId, queueEntry };
}
