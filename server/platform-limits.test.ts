import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SIGNAL_ENTRY_TIMEOUT_MS, SignalCloseCode } from '../common/signaling/messages';
import { ManualClock } from '../common/util/testing/manual-clock';
import { DEV_DOCTOR } from './auth/doctor-accounts';
import { startPlatform, type Platform } from './platform';
import { requireMediasoupWorker } from './testing/mediasoup-stack';
import { connectDoctor, wsUrl } from './testing/signal-clients';

const mediasoup = await requireMediasoupWorker();
/** The platform's clock: a socket's entry deadline passes only when a test moves it past. */
const clock = new ManualClock();
const MAX_UNAUTHENTICATED = 3;
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({
    port: 0,
    dataDir: null,
    workers: 1,
    seedDevDoctor: true,
    clock,
    maxUnauthenticatedPerAddress: MAX_UNAUTHENTICATED,
  });
});
afterAll(async () => platform?.close());

/** A bare WebSocket on the signalling path, with what it received and how it closed. */
async function openSocket() {
  const ws = new WebSocket(wsUrl(platform));
  const replies: { type: string; id?: string; ok?: boolean }[] = [];
  ws.on('message', (data) => replies.push(JSON.parse(data.toString()) as (typeof replies)[number]));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  /** Sends a request frame and waits for its response. */
  const request = async (frame: { type: string; id: string } & Record<string, unknown>) => {
    ws.send(JSON.stringify(frame));
    await expect.poll(() => replies.find((r) => r.id === frame.id)).toBeDefined();
    return replies.find((r) => r.id === frame.id)!;
  };
  return { ws, replies, closed, request };
}

/** The platform has taken in this many sockets (its handler runs just after the client sees `open`). */
const sockets = (n: number) => expect.poll(() => platform.signalingStats().sockets).toBe(n);

mediasoup.describe('platform limits over a real WebSocket server and mediasoup worker', () => {
  it('closes a socket that neither joins nor signs in within 10 s, and one signed out for as long', async () => {
    const idle = await openSocket();
    const doctor = await connectDoctor(platform);
    await sockets(2);

    clock.advance(SIGNAL_ENTRY_TIMEOUT_MS - 1);
    // Still served: a frame is answered.
    expect(await idle.request({ type: 'subscribe-queue', id: 'q1' })).toMatchObject({ ok: false });
    clock.advance(1);
    expect(await idle.closed).toEqual({
      code: SignalCloseCode.entryTimeout,
      reason: 'join the queue or sign in within 10 s of connecting',
    });
    // The signed-in doctor's socket has no deadline.
    expect((await doctor.request('subscribe-queue', {})).doctorsOnline).toBe(1);

    // Signed out, the socket is unauthenticated again and gets a new deadline.
    await doctor.request('sign-out', {});
    const signedOut = doctor.closed;
    clock.advance(SIGNAL_ENTRY_TIMEOUT_MS);
    expect(await signedOut).toBe(SignalCloseCode.entryTimeout);
    await sockets(0);
    expect(platform.signalingStats().unauthenticatedAddresses).toBe(0);
  });

  it('caps the unauthenticated sockets per address and empties the table as they close', async () => {
    const waiting = [];
    for (let i = 0; i < MAX_UNAUTHENTICATED; i++) waiting.push(await openSocket());
    await sockets(MAX_UNAUTHENTICATED);
    expect(platform.signalingStats().unauthenticatedAddresses).toBe(1);

    const refused = await openSocket();
    expect(await refused.closed).toEqual({
      code: SignalCloseCode.tooManyUnauthenticated,
      reason: 'too many sockets from this address have not signed in',
    });

    // A socket that signs in no longer counts: the address may open one more.
    const [first] = waiting;
    expect(
      await first!.request({ type: 'sign-in', id: 's1', email: DEV_DOCTOR.email, password: DEV_DOCTOR.password }),
    ).toMatchObject({ ok: true });
    const admitted = await openSocket();
    await sockets(MAX_UNAUTHENTICATED + 1);
    expect(await admitted.request({ type: 'accept', id: 'a1', consultationId: 'c' })).toMatchObject({ ok: false });
    expect(admitted.ws.readyState).toBe(WebSocket.OPEN);

    for (const socket of [...waiting, admitted]) socket.ws.close();
    await sockets(0);
    expect(platform.signalingStats().unauthenticatedAddresses).toBe(0);
  });
});
