import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SIGNALING_PATH } from '../../common/signaling/messages';
import { createHttpServer, listen, type HttpApp } from '../../http/http-server';
import { SignalingServer, type SignalingDeps } from './signaling-server';

/**
 * A client that vanished without closing (a cut cable: no FIN) is found by the pings and dropped,
 * whether this node serves its socket or relays it to the node holding the calls.
 */
let app: HttpApp | null = null;
let signaling: SignalingServer | null = null;
afterEach(async () => {
  await signaling?.close();
  await app?.close();
});

async function start(relayed: boolean) {
  app = await createHttpServer({ name: 'test:signaling-keepalive' });
  // A relayed socket is handed over before any frame: the deps of the sockets served here are unused.
  signaling = new SignalingServer({} as SignalingDeps, {
    pingIntervalMs: 100,
    relay: { take: () => relayed },
  });
  await signaling.attach(app);
  return (await listen(app, 0)).replace('http', 'ws') + SIGNALING_PATH;
}

function closedWithin(url: string, options: WebSocket.ClientOptions, ms: number): Promise<boolean> {
  const ws = new WebSocket(url, options);
  return new Promise((resolve) => {
    const timer = setTimeout(() => (ws.terminate(), resolve(false)), ms);
    ws.on('close', () => (clearTimeout(timer), resolve(true)));
  });
}

for (const relayed of [false, true]) {
  const which = relayed ? 'a relayed socket' : 'a socket served here';
  it(`drops ${which} whose client stopped answering pings, and keeps one that answers`, async () => {
    const url = await start(relayed);
    expect(await closedWithin(url, { autoPong: false }, 1_000)).toBe(true);
    expect(await closedWithin(url, {}, 500)).toBe(false);
  });
}
