import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { CallTokens } from '../auth/call-tokens';
import { DoctorAccounts } from '../auth/doctor-accounts';
import { DoctorSessions } from '../auth/doctor-sessions';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { PASSWORD_SIGN_IN_OFF } from '../../common/signaling/doctor-sign-in';
import { CallCenter } from '../calls/call-center';
import { AccessLog } from '../access/access-log';
import { sqliteAccessLogStore } from '../access/access-store';
import { memoryPrescriptionIssuer } from '../calls/testing/memory-prescription-issuer';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../records/records-database';
import { FleetRegistry } from '../api/fleet-registry';
import { openPharmacySide } from '../pharmacy/pharmacy-side';
import { MAX_FRAMES_PER_WINDOW, MAX_REFUSALS, SignalSocket, type SignalSocketOptions } from './signal-socket';
import type { SignalingDeps } from './socket-context';
import { fakeRouter } from '../calls/testing/fake-router';
import { memoryAuthStores } from '../auth/testing/memory-auth-stores';

const SESSION = '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e91';
const EMAIL = 'dr.martin@kiosk.test';
const PASSWORD = 'consultation-dev';
const GP_75 = { specialties: ['general-practice' as const], territories: ['75'] };

/** A socket port that records what the platform sends, parsed. */
class FakePort {
  readonly frames: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  get isOpen() {
    return this.closedWith === null;
  }
  send(text: string) {
    this.frames.push(JSON.parse(text) as Record<string, unknown>);
  }
  close(code: number) {
    this.closedWith = code;
  }
  response(id: string) {
    return this.frames.find((f) => f.type === 'response' && f.id === id);
  }
}

let calls: CallCenter | null = null;
afterEach(() => calls?.close());

async function setup(options: Omit<SignalSocketOptions, 'clock'> = {}) {
  const clock = new ManualClock();
  calls = new CallCenter({
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(clock),
    clock,
  });
  const auth = memoryAuthStores(() => clock.now());
  const accounts = new DoctorAccounts(auth.doctors);
  await accounts.upsert({
    email: EMAIL,
    password: PASSWORD,
    name: 'Dr Claire Martin',
    rpps: '10000000001',
    scope: GP_75,
  });
  const deps: SignalingDeps = {
    calls,
    callTokens: new CallTokens(Buffer.alloc(32, 7), clock),
    accounts,
    sessions: new DoctorSessions(auth.sessions, clock),
    throttle: new SignInThrottle(),
    passwordSignIn: true,
    accessLog: sqliteAccessLogStore(new AccessLog(openRecordsDatabase(IN_MEMORY_RECORDS))),
    pharmacy: (await openPharmacySide({ authStores: auth, fleet: new FleetRegistry(clock), calls, clock })).deps,
  };
  const port = new FakePort();
  const socket = new SignalSocket(port, deps, { socketId: 'test', address: '127.0.0.1' }, { clock, ...options });
  /** Sends a request and waits until it is answered. */
  const request = async (frame: Record<string, unknown>) => {
    socket.receive(JSON.stringify(frame));
    await expect.poll(() => port.response(String(frame.id))).toBeDefined();
    return port.response(String(frame.id)) as { ok: boolean; result?: unknown; error?: { code: string } };
  };
  return { clock, deps, port, socket, request, calls };
}

const joinFrame = (token: string, id = 'j1') => ({
  type: 'join-queue',
  id,
  token,
  sessionId: SESSION,
  queueEntry: { ageYears: 42, specialty: 'general-practice', territory: '75', reason: 'Toux' },
  identity: null,
  devices: [],
});

describe('SignalSocket', () => {
  it('lets only the entry requests through before the socket has a role', async () => {
    const { request, port, socket } = await setup();
    expect(await request({ type: 'accept', id: 'a1', consultationId: 'c1' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorised' },
    });
    socket.receive(null);
    socket.receive('{nope');
    expect(port.frames.filter((f) => f.type === 'error')).toEqual([
      { type: 'error', error: { code: 'bad-message', message: 'binary frames are not accepted' } },
      { type: 'error', error: { code: 'bad-message', message: 'frame is not JSON' } },
    ]);
  });

  it('makes the socket a kiosk on a valid ticket, refuses a second join, and tells the call center when it closes', async () => {
    const { request, deps, socket, calls: center } = await setup();
    expect(await request(joinFrame('ct1.forged.forged-mac-xx'))).toMatchObject({
      ok: false,
      error: { code: 'unauthorised' },
    });
    const { token } = deps.callTokens.issue('kiosk-a', SESSION);
    expect(await request(joinFrame(token, 'j2'))).toMatchObject({
      ok: true,
      result: { state: 'waiting', position: 1 },
    });
    expect(await request(joinFrame(token, 'j3'))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await request({ type: 'update-devices', id: 'u1', devices: [] })).toMatchObject({ ok: true, result: {} });
    await socket.closed();
    expect(center.queueItems()).toMatchObject([{ kioskConnected: false }]);
  });

  it('refuses a password sign-in where only Pro Santé Connect signs doctors in, and resumes its sessions', async () => {
    const { request, deps } = await setup();
    deps.passwordSignIn = false;
    expect(await request({ type: 'sign-in', id: 's1', email: EMAIL, password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'unauthorised', message: PASSWORD_SIGN_IN_OFF },
    });
    // The session Pro Santé Connect's callback opened (server/api/psc-routes.ts) is resumed as any other.
    const session = await deps.sessions.create((await deps.accounts.byRpps('10000000001'))!);
    expect(await request({ type: 'resume-session', id: 'r1', token: session.token })).toMatchObject({
      ok: true,
      result: { doctor: { name: 'Dr Claire Martin', rpps: '10000000001' } },
    });
  });

  it('signs a doctor in, checks the session before each request, and signs out', async () => {
    const { request, deps, port } = await setup();
    expect(await request({ type: 'sign-in', id: 's1', email: EMAIL, password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorised' },
    });
    const signedIn = await request({ type: 'sign-in', id: 's2', email: EMAIL, password: PASSWORD });
    expect(signedIn).toMatchObject({
      ok: true,
      result: { doctor: { name: 'Dr Claire Martin' }, scope: GP_75, onDuty: false },
    });
    expect(await request({ type: 'subscribe-queue', id: 'q1' })).toMatchObject({
      ok: true,
      result: { entries: [], doctorsOnDuty: 0 },
    });
    const { token } = signedIn.result as { token: string };
    await deps.sessions.revoke(token);
    expect(await request({ type: 'subscribe-queue', id: 'q2' })).toMatchObject({ error: { code: 'unauthorised' } });
    expect(port.frames).toContainEqual({ type: 'session-ended', reason: 'expired' });
    // Signing in again on the same socket works even though the old session is gone.
    expect(await request({ type: 'sign-in', id: 's3', email: EMAIL, password: PASSWORD })).toMatchObject({ ok: true });
    expect(await request({ type: 'sign-out', id: 'o1' })).toMatchObject({ ok: true });
    expect(await request({ type: 'subscribe-queue', id: 'q3' })).toMatchObject({ error: { code: 'unauthorised' } });
  });

  it('keeps the duty a doctor sets with the session: a console reconnecting finds it on', async () => {
    const { request, deps, clock } = await setup();
    const signedIn = await request({ type: 'sign-in', id: 's1', email: EMAIL, password: PASSWORD });
    const { token } = signedIn.result as { token: string };
    expect(await request({ type: 'set-on-duty', id: 'd1', onDuty: true })).toMatchObject({
      ok: true,
      result: { onDuty: true },
    });
    expect(await request({ type: 'subscribe-queue', id: 'q1' })).toMatchObject({ result: { doctorsOnDuty: 1 } });
    expect((await deps.sessions.get(token))?.onDuty).toBe(true);

    // The console reloads: a new socket resumes the session, on duty as it was.
    const port = new FakePort();
    const again = new SignalSocket(port, deps, { socketId: 'again', address: '127.0.0.1' }, { clock });
    again.receive(JSON.stringify({ type: 'resume-session', id: 'r1', token }));
    await expect.poll(() => port.response('r1')).toMatchObject({ ok: true, result: { onDuty: true, scope: GP_75 } });
    // A malformed duty is refused before any handler.
    expect(await request({ type: 'set-on-duty', id: 'd2', onDuty: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'bad-message' },
    });
  });

  it('closes a socket that sends only garbage, or too many frames', async () => {
    const garbage = await setup();
    for (let i = 0; i < MAX_REFUSALS; i++) garbage.socket.receive('[]');
    expect(garbage.port.closedWith).toBe(1008);

    // Without a role, yet kept past the frame window: the rate is counted whatever the role.
    const runaway = await setup({ entryTimeoutMs: 60_000 });
    for (let i = 0; i < MAX_FRAMES_PER_WINDOW; i++) runaway.socket.receive(JSON.stringify({ type: 'x', id: `${i}` }));
    expect(runaway.port.closedWith).toBeNull();
    runaway.clock.advance(10_001);
    runaway.socket.receive(JSON.stringify({ type: 'x', id: 'again' }));
    expect(runaway.port.closedWith).toBeNull();
    for (let i = 0; i < MAX_FRAMES_PER_WINDOW; i++) runaway.socket.receive('{}');
    expect(runaway.port.closedWith).toBe(1008);
  });
});
