import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_PRESCRIPTION } from '../../common/records/testing/samples';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { Device, FakeHandler, type types } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { SocketLike } from '../../common/net/socket-connection';
import { CallSession, type CallSessionOptions } from './call-session';
import { fakeTrack } from '../../web-shared/media/testing/fake-media-signaling';
import { fakeMediaAnswers } from '../../web-shared/media/testing/fake-media-signaling';
import { createFakeVitalsSource } from './testing/fake-vitals-source';
import { TEST_TICKET } from './testing/test-ticket';

const ticket = TEST_TICKET;

/** A socket whose platform side the test plays: it answers join-queue and can push events or die. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  constructor(private readonly answer: (frame: Record<string, unknown>) => unknown) {
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }
  send(data: string) {
    const frame = JSON.parse(data) as Record<string, unknown>;
    this.sent.push(frame);
    const result = this.answer(frame);
    if (result === DIE) return this.close();
    queueMicrotask(() =>
      this.push(
        result instanceof Error
          ? { type: 'response', id: frame.id, ok: false, error: { code: result.message, message: 'refused' } }
          : { type: 'response', id: frame.id, ok: true, result },
      ),
    );
  }
  push(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  close(code = 1006) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason: '' }));
  }
}

/** Answer that makes the socket die instead of answering (the platform unreachable). */
const DIE = Symbol('die');

const fakeStream = {
  getTracks: () => [],
  getAudioTracks: () => [],
  getVideoTracks: () => [],
} as unknown as MediaStream;
const waiting = (position: number) => ({
  consultationId: 'c1',
  state: 'waiting',
  position,
  wait: { kind: 'estimate', minutes: position * 5, doctorsOnDuty: 1 },
  doctor: null,
});

function setup(
  answer: (frame: Record<string, unknown>) => unknown = () => waiting(2),
  more: Pick<CallSessionOptions, 'createDevice' | 'mediaUnreachableAfterMs' | 'mediaInputs' | 'mediaDevices'> = {},
) {
  const sockets: FakeSocket[] = [];
  const intentions: FlowIntention[] = [];
  const vitals = createFakeVitalsSource();
  const session = new CallSession({
    ticket,
    identity: null,
    devices: [],
    flowSend: (i) => intentions.push(i),
    vitals: vitals.source,
    getUserMedia: async () => fakeStream,
    createSocket: () => {
      const socket = new FakeSocket(answer);
      sockets.push(socket);
      return socket;
    },
    backoff: { initialMs: 100, maxMs: 200 },
    ...more,
  });
  return { session, sockets, intentions, vitals, types: () => intentions.map((i) => i.type) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The call's current transports, as mediasoup-client made them inside the shared media session. */
function transportsOf(session: CallSession): { send: types.Transport; recv: types.Transport } {
  return (session as unknown as { link: { session: { send: types.Transport; recv: types.Transport } } }).link.session;
}

describe('CallSession media that cannot connect (mediasoup-client fake handler)', () => {
  it('leaves nothing behind a finished call: transports closed, no timer, no vitals listener', async () => {
    const media = fakeMediaAnswers();
    const { session, sockets, vitals } = setup(
      (frame) => (frame.type === 'join-queue' ? waiting(1) : (media[frame.type as string] ?? (() => ({})))()),
      { createDevice: () => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) }) },
    );
    await session.start();
    sockets[0]!.push({
      type: 'doctor-accepted',
      consultationId: 'c1',
      doctor: { id: 'd', name: 'Dr A', rpps: '10000000001' },
    });
    await vi.advanceTimersByTimeAsync(10);
    const link = { ...transportsOf(session) };
    for (const t of [link.send, link.recv]) (t.handler as unknown as FakeHandler).setConnectionState('connected');
    expect(session.current.state).toBe('connected');
    expect(vitals.listenerCount()).toBeGreaterThan(0);
    sockets[0]!.push({ type: 'call-ended', consultationId: 'c1', reason: 'doctor-ended', prescription: null });
    await vi.advanceTimersByTimeAsync(10);
    expect(session.current.state).toBe('ended');
    expect([link.send.closed, link.recv.closed]).toEqual([true, true]);
    expect(vitals.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('prepares the call while next in the queue and starts it on the same transports; released, it closes them', async () => {
    const media = fakeMediaAnswers();
    const { session, sockets } = setup(
      (frame) => (frame.type === 'join-queue' ? waiting(1) : (media[frame.type as string] ?? (() => ({})))()),
      { createDevice: () => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) }) },
    );
    await session.start();
    const asked = (method: string) => sockets[0]!.sent.filter((f) => f.type === method).length;
    sockets[0]!.push({ type: 'prepare-media', consultationId: 'c1' });
    await vi.advanceTimersByTimeAsync(10);
    expect(asked('create-transport')).toBe(2);
    const prepared = { ...transportsOf(session) };
    // A transport connecting before the accept does not make the waiting patient "connected".
    for (const t of [prepared.send, prepared.recv])
      (t.handler as unknown as FakeHandler).setConnectionState('connected');
    expect(session.current.state).toBe('waiting');
    // Released (no longer next): closed; prepared again, then accepted: the call starts on it.
    sockets[0]!.push({ type: 'release-media', consultationId: 'c1' });
    await vi.advanceTimersByTimeAsync(10);
    expect([prepared.send.closed, prepared.recv.closed]).toEqual([true, true]);
    sockets[0]!.push({ type: 'prepare-media', consultationId: 'c1' });
    await vi.advanceTimersByTimeAsync(10);
    const again = { ...transportsOf(session) };
    sockets[0]!.push({
      type: 'doctor-accepted',
      consultationId: 'c1',
      doctor: { id: 'd', name: 'Dr A', rpps: '10000000001' },
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(asked('create-transport')).toBe(4);
    expect(transportsOf(session).send).toBe(again.send);
    expect(asked('list-producers')).toBe(1);
    await session.stop();
  });

  it('says the service is unreachable when the media do not connect in time, and reports the failing TURN server', async () => {
    const media = fakeMediaAnswers();
    const { session, sockets } = setup(
      (frame) => (frame.type === 'join-queue' ? waiting(1) : (media[frame.type as string] ?? (() => ({})))()),
      {
        createDevice: () => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) }),
        mediaUnreachableAfterMs: 5000,
      },
    );
    await session.start();
    sockets[0]!.push({
      type: 'doctor-accepted',
      consultationId: 'c1',
      doctor: { id: 'd', name: 'Dr A', rpps: '10000000001' },
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(session.current.state).toBe('connecting');
    // The browser could not use the TURN server: its credential was refused.
    const { send, recv } = transportsOf(session);
    const refused = { url: 'turns:turn.test:443?transport=tcp', errorCode: 401, errorText: 'Unauthorized' };
    (send as unknown as { safeEmit(name: string, e: unknown): void }).safeEmit('icecandidateerror', refused);
    (send as unknown as { safeEmit(name: string, e: unknown): void }).safeEmit('icecandidateerror', refused);
    await vi.advanceTimersByTimeAsync(10);
    const reports = sockets[0]!.sent.filter((f) => f.type === 'report-media-state');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      state: 'reconnecting',
      iceServerError: { url: 'turns:turn.test:443?transport=tcp', code: 401, text: 'Unauthorized' },
    });
    expect(session.current.error).toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    expect(session.current.error).toBe('media-unreachable');
    // The media come through at last: the message goes.
    (send.handler as unknown as FakeHandler).setConnectionState('connected');
    (recv.handler as unknown as FakeHandler).setConnectionState('connected');
    expect(session.current).toMatchObject({ state: 'connected', error: null });
    await session.stop();
  });
});

describe('CallSession auscultation (mediasoup-client fake handler)', () => {
  it("sends the stethoscope on the doctor's request, as its own producer, and stops it when the doctor ends", async () => {
    const media = fakeMediaAnswers();
    const stethoscope = fakeTrack('audio');
    let stopped = false;
    stethoscope.stop = () => void (stopped = true);
    const { session, sockets, intentions } = setup(
      (frame) => (frame.type === 'join-queue' ? waiting(1) : (media[frame.type as string] ?? (() => ({})))()),
      {
        createDevice: () => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) }),
        mediaInputs: [{ deviceId: 'stethoscope-1', kind: 'stethoscope', labels: ['Fake Audio Input 2'] }],
        mediaDevices: {
          enumerateDevices: async () =>
            [{ deviceId: 'in-2', kind: 'audioinput', label: 'Fake Audio Input 2' }] as MediaDeviceInfo[],
          getUserMedia: async () => ({ getAudioTracks: () => [stethoscope] }) as unknown as MediaStream,
        },
      },
    );
    await session.start();
    sockets[0]!.push({
      type: 'doctor-accepted',
      consultationId: 'c1',
      doctor: { id: 'd', name: 'Dr A', rpps: '10000000001' },
    });
    await vi.advanceTimersByTimeAsync(10);
    sockets[0]!.push({ type: 'auscultation-requested', consultationId: 'c1', site: 'pulmonary' });
    await vi.advanceTimersByTimeAsync(10);
    const sent = () => sockets[0]!.sent;
    // The test's camera stream has no tracks: the stethoscope is the one producer.
    expect(
      sent()
        .filter((f) => f.type === 'produce')
        .map((f) => f.source),
    ).toEqual(['stethoscope']);
    expect(
      sent()
        .filter((f) => f.type === 'report-auscultation')
        .map((f) => f.report),
    ).toEqual([{ state: 'listening', site: 'pulmonary' }]);
    expect(intentions.slice(-2)).toEqual([
      { type: 'DOCTOR_REQUESTED_AUSCULTATION', site: 'pulmonary' },
      { type: 'AUSCULTATION_STREAMING' },
    ]);
    sockets[0]!.push({ type: 'auscultation-ended', consultationId: 'c1' });
    await vi.advanceTimersByTimeAsync(10);
    expect(sent().at(-2)?.type).toBe('close-producer');
    expect(sent().at(-1)).toMatchObject({ type: 'report-auscultation', report: { state: 'ended', site: 'pulmonary' } });
    expect(intentions.at(-1)).toEqual({ type: 'DOCTOR_ENDED_AUSCULTATION' });
    expect(stopped).toBe(true);
    await session.stop();
  });
});

describe('CallSession (signalling side, fake platform)', () => {
  it('joins the queue and relays queue updates and doctor requests to the flow', async () => {
    const { session, sockets, intentions, types } = setup();
    await session.start();
    expect(sockets[0]!.sent[0]).toMatchObject({
      type: 'join-queue',
      token: ticket.token,
      sessionId: ticket.sessionId,
      queueEntry: ticket.queueEntry,
    });
    const tenMinutes = { kind: 'estimate', minutes: 10, doctorsOnDuty: 1 } as const;
    expect(session.current).toMatchObject({ state: 'waiting', queue: { position: 2, wait: tenMinutes } });
    expect(intentions).toContainEqual({ type: 'QUEUE_UPDATED', position: 2, wait: tenMinutes });

    // The last doctor on duty left: no minutes any more, and the flow hears it.
    sockets[0]!.push({ type: 'queue-updated', consultationId: 'c1', position: 1, wait: { kind: 'no-doctor' } });
    expect(intentions.at(-1)).toEqual({ type: 'QUEUE_UPDATED', position: 1, wait: { kind: 'no-doctor' } });
    expect(session.current.queue).toEqual({ position: 1, wait: { kind: 'no-doctor' } });

    sockets[0]!.push({ type: 'measurement-requested', consultationId: 'c1', kind: 'oximetry' });
    expect(intentions.at(-1)).toEqual({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: 'oximetry' });
    // A malformed frame from the platform is ignored, not relayed.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    sockets[0]!.push({ type: 'measurement-requested', consultationId: 'c1', kind: 'x-ray' });
    expect(types().filter((t) => t === 'DOCTOR_REQUESTED_MEASUREMENT')).toHaveLength(1);
    warn.mockRestore();
  });

  it('tells the flow about a cut, reconnects with backoff and rejoins the same session', async () => {
    const { session, sockets, types } = setup();
    await session.start();
    sockets[0]!.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.current).toMatchObject({ state: 'reconnecting', attempt: 1 });
    expect(types()).toContain('CALL_CONNECTION_LOST');
    expect(sockets).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.sent[0]).toMatchObject({ type: 'join-queue', sessionId: ticket.sessionId });
    expect(session.current).toMatchObject({ state: 'waiting', attempt: 0 });
    expect(types()).toContain('CALL_CONNECTION_RESTORED');
  });

  it('backs off further while the platform stays unreachable', async () => {
    let up = true;
    const { session, sockets } = setup(() => (up ? waiting(1) : DIE));
    await session.start();
    up = false;
    sockets[0]!.close();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    // Second attempt failed at once: the next waits the second delay (200 ms).
    await vi.advanceTimersByTimeAsync(199);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    expect(session.current).toMatchObject({ state: 'reconnecting', attempt: 3 });
    up = true;
    await vi.advanceTimersByTimeAsync(200);
    expect(session.current).toMatchObject({ state: 'waiting', attempt: 0 });
    await session.stop();
  });

  it('hands the prescription to the flow when the doctor ends the call', async () => {
    const { session, sockets, intentions } = setup();
    await session.start();
    sockets[0]!.push({
      type: 'call-ended',
      consultationId: 'c1',
      reason: 'doctor-ended',
      prescription: SAMPLE_PRESCRIPTION,
    });
    expect(intentions.at(-1)).toEqual({ type: 'DOCTOR_ENDED_CALL', prescription: SAMPLE_PRESCRIPTION });
    expect(session.current.state).toBe('ended');
    // Ended: a later close does not start reconnecting.
    sockets[0]!.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(1);
  });

  it('fails without retrying when the ticket is refused', async () => {
    const { session, sockets } = setup(() => new Error('unauthorised'));
    await session.start();
    expect(session.current).toMatchObject({ state: 'failed', error: 'unauthorised' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(1);
  });

  it('leaves the queue when stopped', async () => {
    const { session, sockets } = setup((f) => (f.type === 'join-queue' ? waiting(1) : {}));
    await session.start();
    await session.stop();
    expect(sockets[0]!.sent.map((f) => f.type)).toEqual(['join-queue', 'leave-queue']);
  });

  it('leaves the cabin keeping the place: the flow gets the ticket, and stopping does not give the place up', async () => {
    const { session, sockets, intentions } = setup((f) =>
      f.type === 'join-queue'
        ? waiting(2)
        : f.type === 'step-away'
          ? { ticket: 5, holdMinutes: 10, portalOpen: true }
          : {},
    );
    await session.start();
    await session.stepAway('06 12 34 56 78');
    expect(sockets[0]!.sent.at(-1)).toMatchObject({ type: 'step-away', phone: '06 12 34 56 78' });
    expect(intentions.at(-1)).toEqual({
      type: 'STEPPED_AWAY',
      ticket: 5,
      holdMinutes: 10,
      portalOpen: true,
      phoneGiven: true,
    });
    await session.stop();
    expect(sockets[0]!.sent.map((f) => f.type)).toEqual(['join-queue', 'step-away']);
    await expect(session.stepAway(null)).rejects.toThrow(/not waiting/);
  });
});
