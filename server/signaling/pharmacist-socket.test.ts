import { afterEach, describe, expect, it } from 'vitest';
import type { PharmacyBoard } from '../../common/pharmacy/cabins';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { FleetRegistry } from '../api/fleet-registry';
import { AccessLog } from '../access/access-log';
import { sqliteAccessLogStore } from '../access/access-store';
import { CallTokens } from '../auth/call-tokens';
import { DoctorAccounts } from '../auth/doctor-accounts';
import { DoctorSessions } from '../auth/doctor-sessions';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { CallCenter } from '../calls/call-center';
import { memoryPrescriptionIssuer } from '../calls/testing/memory-prescription-issuer';
import { openPharmacySide } from '../pharmacy/pharmacy-side';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../records/records-database';
import { SignalSocket } from './signal-socket';
import type { SignalingDeps } from './socket-context';
import { fakeRouter } from '../calls/testing/fake-router';
import { memoryAuthStores } from '../auth/testing/memory-auth-stores';

const ALERT = '5d8c3a9e-0f1b-4c2d-8e3f-7a6b5c4d3e21';
const PASSWORD = 'comptoir-test';

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
  boards(): PharmacyBoard[] {
    return this.frames.filter((f) => f.type === 'board').map((f) => f.board as PharmacyBoard);
  }
}

let calls: CallCenter | null = null;
afterEach(() => calls?.close());

/** Two pharmacies, a pharmacist in each, kiosk-1 and kiosk-2 owned by the first and kiosk-9 by the second. */
async function platform() {
  const clock = new ManualClock();
  calls = new CallCenter({
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(clock),
    clock,
  });
  const fleet = new FleetRegistry(clock);
  const auth = memoryAuthStores(() => clock.now());
  const side = await openPharmacySide({
    authStores: auth,
    fleet,
    calls,
    clock,
    alertEscalationMs: 60_000,
  });
  const { directory, accounts } = side.deps;
  await directory.upsertPharmacy({ id: 'pharmacie-a', name: 'Pharmacie A' });
  await directory.upsertPharmacy({ id: 'pharmacie-b', name: 'Pharmacie B' });
  await directory.assignKiosk('kiosk-1', 'pharmacie-a', 'Cabine 1');
  await directory.assignKiosk('kiosk-2', 'pharmacie-a', 'Cabine 2');
  await directory.assignKiosk('kiosk-9', 'pharmacie-b', 'Cabine 9');
  await accounts.upsert({ email: 'camille@a.fr', password: PASSWORD, name: 'Camille', pharmacyId: 'pharmacie-a' });
  await accounts.upsert({ email: 'bruno@b.fr', password: PASSWORD, name: 'Bruno', pharmacyId: 'pharmacie-b' });
  const deps: SignalingDeps = {
    calls,
    callTokens: new CallTokens(Buffer.alloc(32, 7), clock),
    accounts: new DoctorAccounts(auth.doctors),
    sessions: new DoctorSessions(auth.sessions, clock),
    throttle: new SignInThrottle(),
    passwordSignIn: true,
    accessLog: sqliteAccessLogStore(new AccessLog(openRecordsDatabase(IN_MEMORY_RECORDS))),
    pharmacy: side.deps,
  };
  let n = 0;
  const portal = () => {
    const port = new FakePort();
    const socket = new SignalSocket(port, deps, { socketId: `portal-${++n}`, address: '127.0.0.1' }, { clock });
    const request = async (frame: Record<string, unknown>) => {
      socket.receive(JSON.stringify(frame));
      await expect.poll(() => port.frames.find((f) => f.type === 'response' && f.id === frame.id)).toBeDefined();
      return port.frames.find((f) => f.type === 'response' && f.id === frame.id) as {
        ok: boolean;
        result?: Record<string, unknown>;
        error?: { code: string; message: string };
      };
    };
    const signIn = async (email: string) => {
      expect(await request({ type: 'pharmacist-sign-in', id: 's', email, password: PASSWORD })).toMatchObject({
        ok: true,
      });
      return (await request({ type: 'subscribe-board', id: 'b' })).result as PharmacyBoard;
    };
    return { port, socket, request, signIn };
  };
  return { clock, fleet, side, portal, deps };
}

const beat = { version: '1', uptimeSeconds: 1, devices: [], inSession: false };

describe('the pharmacist portal over signalling', () => {
  it('signs in a pharmacist and shows only the cabins of their pharmacy, live', async () => {
    const { portal, fleet, clock } = await platform();
    const a = portal();
    expect(await a.request({ type: 'subscribe-board', id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorised' },
    });
    expect(
      await a.request({ type: 'pharmacist-sign-in', id: 'w', email: 'camille@a.fr', password: 'wrong-one' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unauthorised', message: 'unknown e-mail or wrong password' },
    });
    const board = await a.signIn('camille@a.fr');
    expect(board.cabins.map((c) => [c.label, c.state])).toEqual([
      ['Cabine 1', 'out-of-service'],
      ['Cabine 2', 'out-of-service'],
    ]);
    fleet.record('kiosk-1', beat);
    fleet.record('kiosk-9', { ...beat, inSession: true });
    expect(
      a.port
        .boards()
        .at(-1)!
        .cabins.map((c) => c.state),
    ).toEqual(['free', 'out-of-service']);
    fleet.record('kiosk-1', { ...beat, inSession: true });
    expect(a.port.boards().at(-1)!.cabins[0]).toMatchObject({ state: 'occupied' });
    // The same report again changes nothing: no new board.
    const sent = a.port.boards().length;
    fleet.record('kiosk-1', { ...beat, inSession: true });
    expect(a.port.boards()).toHaveLength(sent);
    // A kiosk that stops reporting is out of service after 90 s (the boards' 15 s tick notices).
    clock.advance(105_000);
    expect(a.port.boards().at(-1)!.cabins[0]).toMatchObject({ state: 'out-of-service' });
  });

  it('puts an alert on every portal of the pharmacy, delivered once one confirms it, acknowledged by name', async () => {
    const { portal, side } = await platform();
    const a1 = portal();
    const a2 = portal();
    const b = portal();
    await a1.signIn('camille@a.fr');
    await a2.signIn('camille@a.fr');
    await b.signIn('bruno@b.fr');
    const raised = side.deps.alerts.raise(
      { kioskId: 'kiosk-1', pharmacyId: 'pharmacie-a', cabinLabel: 'Cabine 1' },
      { alertId: ALERT, kind: 'help' },
    );
    for (const p of [a1, a2]) {
      const last = p.port.boards().at(-1)!;
      expect(last.alerts).toMatchObject([{ alertId: ALERT, kind: 'help', status: 'open', cabinLabel: 'Cabine 1' }]);
      expect(last.cabins[0]).toMatchObject({ state: 'help-requested' });
    }
    expect(b.port.boards()).toEqual([]);
    // Another pharmacy's portal can neither deliver nor acknowledge it.
    await b.request({ type: 'alerts-received', id: 'r', alertIds: [ALERT] });
    expect(await b.request({ type: 'acknowledge-alert', id: 'k', alertId: ALERT })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await a1.request({ type: 'alerts-received', id: 'r', alertIds: [ALERT] })).toMatchObject({ ok: true });
    expect(await raised).toMatchObject({ status: 'delivered' });
    expect(await a2.request({ type: 'acknowledge-alert', id: 'k', alertId: ALERT })).toMatchObject({
      ok: true,
      result: { alert: { status: 'acknowledged', acknowledgedBy: 'Camille' } },
    });
    expect(a1.port.boards().at(-1)!.alerts[0]).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Camille' });
    expect(side.deps.alerts.answer('kiosk-1', ALERT)).toMatchObject({ status: 'acknowledged' });
  });

  it('counts a portal open until its socket closes or it signs out', async () => {
    const { portal, side } = await platform();
    const a = portal();
    await a.signIn('camille@a.fr');
    expect(side.deps.boards.portalsOpen('pharmacie-a')).toBe(1);
    await a.request({ type: 'pharmacist-sign-out', id: 'o' });
    expect(side.deps.boards.portalsOpen('pharmacie-a')).toBe(0);
    const again = portal();
    await again.signIn('camille@a.fr');
    await again.socket.closed();
    expect(side.deps.boards.portalsOpen('pharmacie-a')).toBe(0);
  });

  it('resumes a session by its token, and ends the board when it expired', async () => {
    const { portal, clock, side } = await platform();
    const a = portal();
    const signedIn = await a.request({
      type: 'pharmacist-sign-in',
      id: 's',
      email: 'camille@a.fr',
      password: PASSWORD,
    });
    const token = (signedIn.result as { token: string }).token;
    const b = portal();
    expect(await b.request({ type: 'pharmacist-resume', id: 'r', token })).toMatchObject({
      ok: true,
      result: { pharmacist: { name: 'Camille', pharmacy: { id: 'pharmacie-a', name: 'Pharmacie A' } } },
    });
    await b.request({ type: 'subscribe-board', id: 'b' });
    clock.advance(12 * 3600_000 + 1);
    expect(await b.request({ type: 'subscribe-board', id: 'b2' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorised' },
    });
    expect(b.port.frames).toContainEqual({ type: 'session-ended', reason: 'expired' });
    expect(side.deps.boards.portalsOpen('pharmacie-a')).toBe(0);
  });

  it('tells the kiosk whether a portal is open, shows the ticket to its pharmacy only, and lets it bring the patient back', async () => {
    const { portal, side, deps, clock } = await platform();
    const kiosk = new FakePort();
    const kioskSocket = new SignalSocket(kiosk, deps, { socketId: 'kiosk', address: '127.0.0.1' }, { clock });
    const kioskRequest = async (frame: Record<string, unknown>) => {
      kioskSocket.receive(JSON.stringify(frame));
      await expect.poll(() => kiosk.frames.find((f) => f.type === 'response' && f.id === frame.id)).toBeDefined();
      return kiosk.frames.find((f) => f.type === 'response' && f.id === frame.id);
    };
    const sessionId = '0b3e7d1c-5a4f-4e2b-9c8d-7f6e5d4c3b2a';
    await kioskRequest({
      type: 'join-queue',
      id: 'j',
      token: deps.callTokens.issue('kiosk-1', sessionId).token,
      sessionId,
      queueEntry: { ageYears: 40, specialty: 'general-practice', territory: '75', reason: 'toux' },
      identity: null,
      devices: [],
    });
    expect(await kioskRequest({ type: 'step-away', id: 'bad', phone: '12345' })).toMatchObject({ ok: false });
    // No portal open for pharmacie-a: the kiosk must not promise a call.
    expect(await kioskRequest({ type: 'step-away', id: 'w', phone: '06 12 34 56 78' })).toMatchObject({
      ok: true,
      result: { ticket: 1, holdMinutes: 10, portalOpen: false },
    });
    const a = portal();
    const board = await a.signIn('camille@a.fr');
    expect(board.callbacks).toEqual([
      expect.objectContaining({ ticket: 1, cabinLabel: 'Cabine 1', phone: '06 12 34 56 78', status: 'away' }),
    ]);
    const b = portal();
    expect((await b.signIn('bruno@b.fr')).callbacks).toEqual([]);
    expect(await b.request({ type: 'callback-resume', id: 'r', ticket: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await a.request({ type: 'callback-resume', id: 'r', ticket: 1 })).toMatchObject({ ok: true });
    await expect.poll(() => a.port.boards().at(-1)?.callbacks[0]?.status).toBe('resuming');
    expect(side.deps.boards.portalsOpen('pharmacie-a')).toBe(1);
  });
});
