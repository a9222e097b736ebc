import { noteOf } from '../common/records/testing/samples';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { MAX_SIGNAL_FRAME_BYTES, SIGNAL_ENTRY_TIMEOUT_MS, SignalCloseCode } from '../common/signaling/messages';
import { setLogLevel } from '../common/util/logger';
import { ManualClock } from '../common/util/testing/manual-clock';
import { DEV_DOCTOR } from './auth/doctor-accounts';
import type { Platform } from './platform';
import { requireMediasoupWorker } from './testing/mediasoup-stack';
import { PEER_MEDIA_LIMITS } from './calls/media-limits';
import { startTestPlatform } from './testing/test-platform';
import { connectDoctor, joinQueue, OPUS_RTP, QUEUE_ENTRY, ticketFor, wsUrl } from './testing/signal-clients';

const mediasoup = await requireMediasoupWorker();
/** The platform's clock: a socket's entry deadline passes only when a test moves it past. */
const clock = new ManualClock();
const MAX_UNAUTHENTICATED = 3;
let platform: Platform;

beforeAll(async () => {
  platform = await startTestPlatform({ clock, maxUnauthenticatedPerAddress: MAX_UNAUTHENTICATED });
});
afterAll(async () => platform?.close());
afterEach(() => {
  vi.restoreAllMocks();
  setLogLevel(process.env.KIOSK_LOG_LEVEL ?? 'silent');
});

/** The platform's log lines from now on (the logger writes to stderr through console.error). */
function captureLog(): () => string[] {
  setLogLevel('warn');
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  return () => spy.mock.calls.map((call) => String(call[0]));
}

/** A synthetic audio track; each producer on a transport needs its own mid and SSRC. */
const audio = (n: number) => ({ ...OPUS_RTP, mid: String(n), encodings: [{ ssrc: 20_000 + n }] });

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
    expect((await doctor.request('subscribe-queue', {})).doctorsOnDuty).toBe(0);

    // Signed out, the socket is unauthenticated again and gets a new deadline.
    await doctor.request('sign-out', {});
    const signedOut = doctor.closed;
    clock.advance(SIGNAL_ENTRY_TIMEOUT_MS);
    expect(await signedOut).toBe(SignalCloseCode.entryTimeout);
    await sockets(0);
    expect(platform.signalingStats().unauthenticatedAddresses).toBe(0);
  });

  it('caps the unauthenticated sockets per address and empties the table as they close', async () => {
    const waiting: Awaited<ReturnType<typeof openSocket>>[] = [];
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

  it('refuses transports, producers and consumers past each peer cap, naming the limit, and the room goes on', async () => {
    const log = captureLog();
    const limitOf = (what: keyof typeof PEER_MEDIA_LIMITS) => ({
      code: 'limit-reached',
      message: `${what}: at most ${PEER_MEDIA_LIMITS[what]} per peer`,
    });
    const doctor = await connectDoctor(platform);
    const { kiosk, joined } = await joinQueue(platform, 'kiosk-limits');
    const { consultationId } = joined;
    await doctor.request('accept', { consultationId });

    const transports: { transportId: string }[] = [];
    for (let i = 0; i < PEER_MEDIA_LIMITS.transports; i++)
      transports.push(await kiosk.request('create-transport', { direction: 'send' }));
    await expect(kiosk.request('create-transport', { direction: 'send' })).rejects.toMatchObject(limitOf('transports'));
    const transportId = transports[0]!.transportId;

    const producers: { producerId: string }[] = [];
    for (let i = 0; i < PEER_MEDIA_LIMITS.producers; i++)
      producers.push(
        await kiosk.request('produce', { transportId, kind: 'audio', rtpParameters: audio(i), source: 'microphone' }),
      );
    const oneTooMany = { transportId, kind: 'audio', rtpParameters: audio(99), source: 'microphone' } as const;
    await expect(kiosk.request('produce', oneTooMany)).rejects.toMatchObject(limitOf('producers'));
    // Closing one frees its place.
    await kiosk.request('close-producer', { producerId: producers.pop()!.producerId });
    producers.push(await kiosk.request('produce', oneTooMany));

    for (let i = 0; i < PEER_MEDIA_LIMITS.dataProducers; i++)
      await kiosk.request('produce-data', {
        transportId,
        sctpStreamParameters: { streamId: i },
        label: `channel-${i}`,
        protocol: 'test',
      });
    await expect(
      kiosk.request('produce-data', { transportId, sctpStreamParameters: { streamId: 50 }, label: 'x', protocol: '' }),
    ).rejects.toMatchObject(limitOf('dataProducers'));

    // The doctor has caps of its own, untouched by the kiosk's.
    const { rtpCapabilities } = await doctor.request('get-router-capabilities', {});
    const recv = await doctor.request('create-transport', { direction: 'recv' });
    const consume = () =>
      doctor.request('consume', {
        transportId: recv.transportId,
        producerId: producers[0]!.producerId,
        rtpCapabilities,
      });
    const consumers: { consumerId: string }[] = [];
    for (let i = 0; i < PEER_MEDIA_LIMITS.consumers; i++) consumers.push(await consume());
    await expect(consume()).rejects.toMatchObject(limitOf('consumers'));
    const listed = await doctor.request('list-producers', {});
    expect(listed.producers.map((p) => p.producerId).sort()).toEqual(producers.map((p) => p.producerId).sort());
    for (let i = 0; i < PEER_MEDIA_LIMITS.dataConsumers; i++)
      await doctor.request('consume-data', {
        transportId: recv.transportId,
        dataProducerId: listed.dataProducers[i]!.dataProducerId,
      });
    await expect(
      doctor.request('consume-data', {
        transportId: recv.transportId,
        dataProducerId: listed.dataProducers[0]!.dataProducerId,
      }),
    ).rejects.toMatchObject(limitOf('dataConsumers'));

    // The room still serves both sides, and the call ends as usual.
    await doctor.request('resume-consumer', { consumerId: consumers[0]!.consumerId });
    await kiosk.request('restart-ice', { transportId });
    expect(
      (await doctor.request('end-call', { consultationId, prescription: null, note: noteOf('') })).report,
    ).toBeDefined();

    // The log names the peer's role and the limit, nothing of the patient.
    const refusals = log().filter((line) => line.includes('peer refused'));
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.stringContaining('kiosk peer refused: it holds its limit of 4 transports'),
        expect.stringContaining('kiosk peer refused: it holds its limit of 6 producers'),
        expect.stringContaining('doctor peer refused: it holds its limit of 12 consumers'),
      ]),
    );
    expect(log().join('\n')).not.toContain(QUEUE_ENTRY.reason);
    kiosk.close();
    doctor.close();
  });

  it('refuses an oversized, deeply nested or overlong frame with a clear error and goes on serving the rest', async () => {
    const log = captureLog();
    const doctor = await connectDoctor(platform);
    // A kiosk whose frames are written by hand: a client library would not serialise these.
    const kiosk = await openSocket();
    const ticket = await ticketFor(platform, 'kiosk-frames');
    const join = { token: ticket.token, sessionId: ticket.sessionId, queueEntry: QUEUE_ENTRY, identity: null };
    const result = async (frame: Parameters<typeof kiosk.request>[0]) =>
      ((await kiosk.request(frame)) as unknown as { result: Record<string, string> }).result;
    const { consultationId } = await result({ type: 'join-queue', id: 'j', ...join, devices: [] });
    await doctor.request('accept', { consultationId: consultationId! });
    const { transportId } = await result({ type: 'create-transport', id: 't', direction: 'send' });

    // Nesting inside the media parameters the platform passes on to mediasoup: refused, room kept.
    const depth = 20_000;
    const nested = `{"a":`.repeat(depth) + '1' + '}'.repeat(depth);
    const codec = JSON.stringify(OPUS_RTP.codecs[0]).replace('"parameters":{}', `"parameters":${nested}`);
    const rtpParameters = JSON.stringify({ ...OPUS_RTP, codecs: ['CODEC'] }).replace('"CODEC"', codec);
    kiosk.ws.send(
      `{"type":"produce","id":"deep","transportId":"${transportId}","kind":"audio","source":"microphone","rtpParameters":${rtpParameters}}`,
    );
    await expect
      .poll(() => kiosk.replies.at(-1))
      .toEqual({ type: 'error', error: { code: 'bad-message', message: 'frame nests deeper than 32 levels' } });
    const produce = { transportId, kind: 'audio', rtpParameters: OPUS_RTP, source: 'microphone' };
    expect(await kiosk.request({ type: 'produce', id: 'p', ...produce })).toMatchObject({ ok: true });

    // Just under the size limit, each refused by what is wrong, never echoing the content.
    const raw = await openSocket();
    const secret = 'x'.repeat(MAX_SIGNAL_FRAME_BYTES - 1000);
    expect(await raw.request({ type: 'sign-in', id: 'long', email: `${secret}@kiosk.test`, password: 'p' })).toEqual({
      type: 'response',
      id: 'long',
      ok: false,
      error: { code: 'bad-message', message: expect.stringMatching(/^sign-in: email: /) },
    });
    expect(JSON.stringify(raw.replies)).not.toContain(secret);
    const brackets = (MAX_SIGNAL_FRAME_BYTES - 1000) / 2;
    raw.ws.send('['.repeat(brackets) + ']'.repeat(brackets));
    await expect
      .poll(() => raw.replies.at(-1))
      .toEqual({ type: 'error', error: { code: 'bad-message', message: 'frame nests deeper than 32 levels' } });

    // Over the limit: that socket alone is closed with 1009 (message too big), and the log says why.
    raw.ws.send('x'.repeat(MAX_SIGNAL_FRAME_BYTES + 1));
    expect((await raw.closed).code).toBe(1009);
    expect(log().some((line) => /socket \w+: Max payload size exceeded/.test(line))).toBe(true);
    expect((await doctor.request('list-producers', {})).producers).toHaveLength(1);
    expect(kiosk.ws.readyState).toBe(WebSocket.OPEN);
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
    kiosk.ws.close();
    doctor.close();
  });
});
