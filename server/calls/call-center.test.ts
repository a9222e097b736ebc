import { noteOf } from '../../common/records/testing/samples';
import type { types } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import type { DoctorScope } from '../../common/routing/doctor-scope';
import type { CallTicket } from '../../common/signaling/call-ticket';
import type { DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { sleep, systemClock } from '../../common/util/clock';
import { CallCenter, type DoctorLink, type KioskLink } from './call-center';
import { memoryPrescriptionIssuer } from './testing/memory-prescription-issuer';
import { fakeRouter } from './testing/fake-router';

function link<E>(id: string) {
  const events: E[] = [];
  return { id, events, send: (e: E) => void events.push(e) };
}

const grant = (sessionId: string, kioskId = 'kiosk-a') => ({ kioskId, sessionId, expiresAt: Number.MAX_SAFE_INTEGER });
const entry = { ageYears: 30, specialty: 'general-practice' as const, territory: '75', reason: 'x' };
const doctor = { id: 'd1', name: 'Dr A', rpps: '10000000001' };
const GP_75 = { specialties: ['general-practice' as const], territories: ['75'] };
/** The console of a doctor on duty for general practice in Paris. */
const onDuty = (who = doctor, scope: DoctorScope | null = GP_75) => ({
  doctor: who,
  scope,
  token: `t-${who.id}`,
  onDuty: true,
});

const CAPABILITIES = { codecs: [], headerExtensions: [] } as types.RtpCapabilities;

function setup(more: { routerCapabilities?: () => Promise<types.RtpCapabilities> } = {}) {
  const clock = new ManualClock();
  const advance = (ms: number) => clock.advance(ms);
  const calls = new CallCenter({
    ...more,
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(clock),
    clock,
    kioskGraceMs: 60_000,
    doctorGraceMs: 120_000,
  });
  const join = (sessionId: string, kiosk: KioskLink, queueEntry: CallTicket['queueEntry'] = entry) =>
    calls.joinQueue(kiosk, grant(sessionId), {
      token: 'x'.repeat(20),
      sessionId,
      queueEntry,
      identity: null,
      devices: [],
    });
  return { calls, advance, join };
}

const S1 = '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e91';
const S2 = '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e92';

describe('CallCenter (manual clock)', () => {
  it('answers the router capabilities to a waiting kiosk and a doctor between calls, nothing else before the room', async () => {
    const { calls, join } = setup({ routerCapabilities: async () => CAPABILITIES });
    const kiosk = link<KioskEvent>('a');
    const d = link<DoctorEvent>('d') as DoctorLink;
    calls.doctorOnline(d, onDuty());
    join(S1, kiosk);
    const capabilities = { type: 'get-router-capabilities' } as const;
    await expect(calls.kioskMedia(kiosk, capabilities)).resolves.toEqual({ rtpCapabilities: CAPABILITIES });
    await expect(calls.doctorMedia(d, capabilities)).resolves.toEqual({ rtpCapabilities: CAPABILITIES });
    // A transport still needs the consultation's room: the second patient in the queue has none.
    const second = link<KioskEvent>('b');
    join(S2, second);
    expect(() => calls.kioskMedia(second, { type: 'create-transport', direction: 'send' })).toThrow(/no call yet/);
    calls.close();
  });

  it('prepares the room of the patient next in the queue only, and releases it when they drop back or leave', async () => {
    const { calls, join } = setup();
    const a = link<KioskEvent>('a');
    const b = link<KioskEvent>('b');
    const flush = () => sleep(systemClock, 0);
    join(S1, a);
    await flush();
    // No doctor online: nobody could take the patient next, nothing is prepared.
    expect(a.events.map((e) => e.type)).not.toContain('prepare-media');
    const d = link<DoctorEvent>('d') as DoctorLink;
    calls.doctorOnline(d, onDuty());
    const { consultationId: second } = join(S2, b);
    await flush();
    expect(a.events.filter((e) => e.type === 'prepare-media')).toHaveLength(1);
    expect(b.events.map((e) => e.type)).not.toContain('prepare-media');
    // Before the accept the prepared room takes the kiosk's transports and producers, nothing that
    // receives or forwards media.
    await expect(calls.kioskMedia(a, { type: 'list-producers' })).rejects.toThrow(/no call yet/);
    expect(() => calls.kioskMedia(b, { type: 'list-producers' })).toThrow(/no call yet/);
    // The head leaves: their room goes with them and the next patient's is prepared.
    calls.leaveQueue(a);
    await flush();
    expect(b.events.filter((e) => e.type === 'prepare-media')).toHaveLength(1);
    expect(calls.dropMedia(second, 'kiosk')).toBe(true);
    // Their kiosk drops: the room is released (a kiosk back on a new socket prepares again).
    calls.kioskDisconnected(b);
    expect(calls.dropMedia(second, 'kiosk')).toBe(false);
    calls.close();
  });

  it('without the pool’s capabilities, asks the kiosk to wait for the accept as before', async () => {
    const { calls, join } = setup();
    const kiosk = link<KioskEvent>('a');
    join(S1, kiosk);
    await expect(calls.kioskMedia(kiosk, { type: 'get-router-capabilities' })).rejects.toThrow(/no call yet/);
    calls.close();
  });

  it('pushes a shrinking estimate to a waiting kiosk as the call under way runs on', async () => {
    const { calls, advance, join } = setup();
    const a = link<KioskEvent>('a');
    const b = link<KioskEvent>('b');
    const d = link<DoctorEvent>('d') as DoctorLink & { events: DoctorEvent[] };
    calls.doctorOnline(d, onDuty());
    join(S1, a);
    // One free doctor: A in 2 min (the default pick-up), then a 10-minute call and a pick-up: B in 14.
    expect(join(S2, b)).toMatchObject({ position: 2, wait: { kind: 'estimate', minutes: 14, doctorsOnDuty: 1 } });
    const { consultationId } = [...calls.queueItems()][0]!;
    await calls.accept(d, doctor, consultationId);
    advance(4 * 60_000);
    // 4 minutes into the call: 6 left, then the pick-up.
    const last = b.events.filter((e) => e.type === 'queue-updated').at(-1);
    expect(last).toMatchObject({ position: 1, wait: { kind: 'estimate', minutes: 8, doctorsOnDuty: 1 } });
    calls.close();
  });

  it('sends a console its list again only when that list changed', async () => {
    const { calls, join } = setup();
    const paris = link<DoctorEvent>('paris');
    const lyon = link<DoctorEvent>('lyon');
    const lyonDoctor = { id: 'd2', name: 'Dr B', rpps: '10000000002' };
    calls.doctorOnline(paris, onDuty());
    calls.doctorOnline(lyon, onDuty(lyonDoctor, { specialties: ['general-practice'], territories: ['69'] }));
    calls.subscribeQueue(paris, doctor);
    calls.subscribeQueue(lyon, lyonDoctor);
    const lists = (d: typeof paris) => d.events.filter((e) => e.type === 'queue-list');
    join(S1, link<KioskEvent>('a'));
    await Promise.resolve();
    join(S2, link<KioskEvent>('b'));
    await Promise.resolve();
    // Two publishes; Lyon's console had its (empty) list once and nothing since.
    expect(lists(paris).at(-1)).toMatchObject({ entries: [{ position: 1 }, { position: 2 }] });
    expect(lists(lyon)).toHaveLength(1);
    expect(lists(lyon)[0]).toMatchObject({ entries: [] });
    // A console that subscribes again (a reload) gets its list at the next publish even if unchanged.
    calls.subscribeQueue(lyon, lyonDoctor);
    join(S1, link<KioskEvent>('a2'));
    await Promise.resolve();
    expect(lists(lyon)).toHaveLength(2);
    calls.close();
  });

  it('keeps a disconnected kiosk’s place for the grace period, then drops it', () => {
    const { calls, advance, join } = setup();
    const d = link<DoctorEvent>('d');
    calls.doctorOnline(d, onDuty());
    calls.subscribeQueue(d, doctor);
    const a = link<KioskEvent>('a');
    join(S1, a);
    calls.kioskDisconnected(a);
    expect(calls.queueItems()).toMatchObject([{ kioskConnected: false }]);
    advance(59_999);
    expect(calls.queueItems()).toHaveLength(1);
    // Back in time: same consultation, same place.
    const again = link<KioskEvent>('a2');
    expect(join(S1, again)).toMatchObject({ state: 'waiting', position: 1 });
    calls.kioskDisconnected(again);
    advance(60_000);
    expect(calls.queueItems()).toEqual([]);
    expect(d.events.filter((e) => e.type === 'queue-list').at(-1)).toMatchObject({ entries: [] });
    // Back after the grace period: queued again, at the back, as a new consultation.
    const late = link<KioskEvent>('a3');
    join(S2, link<KioskEvent>('b'));
    expect(join(S1, late)).toMatchObject({ state: 'waiting', position: 2 });
    calls.close();
  });

  it('ends a call whose doctor does not come back, telling the kiosk', async () => {
    const { calls, advance, join } = setup();
    const a = link<KioskEvent>('a');
    const d = link<DoctorEvent>('d');
    calls.doctorOnline(d, onDuty());
    const { consultationId } = join(S1, a);
    await calls.accept(d, doctor, consultationId);
    calls.doctorOffline(d);
    expect(a.events.at(-1)).toMatchObject({ type: 'peer-state', peer: 'doctor', state: 'reconnecting' });
    advance(120_000);
    expect(a.events.at(-1)).toMatchObject({ type: 'call-ended', reason: 'connection-lost', prescription: null });
    expect(calls.stats()).toMatchObject({ waiting: 0, inCall: 0 });
    calls.close();
  });

  it('tells a doctor signing in again of the call they left, and refuses them a second patient', async () => {
    const { calls, join } = setup();
    const d = link<DoctorEvent>('d');
    calls.doctorOnline(d, onDuty());
    const { consultationId } = join(S1, link<KioskEvent>('a'));
    const second = join(S2, link<KioskEvent>('b')).consultationId;
    expect(calls.subscribeQueue(d, doctor).ownCall).toBeNull();
    await calls.accept(d, doctor, consultationId);
    // The console closes mid-call; the same doctor opens another one within the grace period.
    calls.doctorOffline(d);
    const again = link<DoctorEvent>('d2');
    calls.doctorOnline(again, onDuty());
    expect(calls.subscribeQueue(again, doctor).ownCall).toBe(consultationId);
    await expect(calls.accept(again, doctor, second)).rejects.toMatchObject({ code: 'busy' });
    calls.close();
  });

  it('refuses another kiosk’s session and a session that already had its call', async () => {
    const { calls, join } = setup();
    const a = link<KioskEvent>('a');
    const d = link<DoctorEvent>('d');
    calls.doctorOnline(d, onDuty());
    const { consultationId } = join(S1, a);
    expect(() =>
      calls.joinQueue(link<KioskEvent>('x'), grant(S1, 'kiosk-other'), {
        token: 'x'.repeat(20),
        sessionId: S1,
        queueEntry: entry,
        identity: null,
        devices: [],
      }),
    ).toThrow(/another kiosk/);
    expect(() =>
      calls.joinQueue(link<KioskEvent>('x'), grant(S2), {
        token: 'x'.repeat(20),
        sessionId: S1,
        queueEntry: entry,
        identity: null,
        devices: [],
      }),
    ).toThrow(/another session/);
    await calls.accept(d, doctor, consultationId);
    await calls.endCall(doctor, consultationId, null, noteOf(''));
    expect(() => join(S1, link<KioskEvent>('y'))).toThrow(/already had/);
    calls.close();
  });
});

describe('CallCenter routing and duty (manual clock)', () => {
  const S3 = '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e93';
  const paediatric = { ageYears: 6, specialty: 'paediatrics' as const, territory: '75', reason: 'fièvre' };
  const inMarseille = { ...entry, territory: '13' };
  const gp = { id: 'gp', name: 'Dr Généraliste', rpps: '10000000002' };
  const paediatrician = { id: 'ped', name: 'Dr Pédiatre', rpps: '10000000003' };
  const PAEDIATRICS_75 = { specialties: ['paediatrics' as const], territories: ['75'] };
  const queueUpdates = (kiosk: { events: KioskEvent[] }) =>
    kiosk.events.flatMap((e) => (e.type === 'queue-updated' ? [e.wait] : []));

  it('shows each doctor only the patients they may take, and refuses the others at accept', async () => {
    const { calls, join } = setup();
    const g = link<DoctorEvent>('g');
    const p = link<DoctorEvent>('p');
    const none = link<DoctorEvent>('n');
    calls.doctorOnline(g, onDuty(gp, GP_75));
    calls.doctorOnline(p, onDuty(paediatrician, PAEDIATRICS_75));
    calls.doctorOnline(none, onDuty({ ...gp, id: 'unscoped' }, null));
    const child = join(S1, link<KioskEvent>('a'), paediatric).consultationId;
    const adult = join(S2, link<KioskEvent>('b')).consultationId;
    join(S3, link<KioskEvent>('c'), inMarseille);

    expect(calls.subscribeQueue(g, gp).entries.map((e) => e.consultationId)).toEqual([adult]);
    expect(calls.subscribeQueue(p, paediatrician).entries.map((e) => e.consultationId)).toEqual([child]);
    expect(calls.subscribeQueue(none, gp).entries).toEqual([]);
    // Each queue numbers its own patients: the child and the Paris adult are both first.
    expect(calls.queueItems().map((e) => [e.specialty, e.territory, e.position])).toEqual([
      ['paediatrics', '75', 1],
      ['general-practice', '75', 1],
      ['general-practice', '13', 1],
    ]);

    // The GP-only doctor names the child's consultation anyway: refused, and the child still waits.
    await expect(calls.accept(g, gp, child)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(calls.accept(none, gp, child)).rejects.toMatchObject({ code: 'forbidden' });
    expect(calls.stats()).toMatchObject({ waiting: 3, inCall: 0 });
    await expect(calls.accept(p, paediatrician, child)).resolves.toMatchObject({ consultationId: child });
    calls.close();
  });

  it('says no doctor is on duty until one is, then an estimate, and a doctor is coming only at the accept', async () => {
    const { calls, join } = setup();
    const a = link<KioskEvent>('a');
    expect(join(S1, a)).toMatchObject({ position: 1, wait: { kind: 'no-doctor' } });

    // Signed in but off duty: nothing changes for the patient.
    const d = link<DoctorEvent>('d');
    calls.doctorOnline(d, { ...onDuty(), onDuty: false });
    // On duty, but for another territory: still nobody for this patient.
    calls.doctorOnline(link<DoctorEvent>('far'), onDuty(gp, { ...GP_75, territories: ['13'] }));
    expect(queueUpdates(a)).toEqual([]);

    calls.setOnDuty(`t-${doctor.id}`, true);
    expect(queueUpdates(a)).toEqual([{ kind: 'estimate', minutes: 2, doctorsOnDuty: 1 }]);
    calls.setOnDuty(`t-${doctor.id}`, false);
    expect(queueUpdates(a).at(-1)).toEqual({ kind: 'no-doctor' });
    calls.setOnDuty(`t-${doctor.id}`, true);

    const { consultationId } = calls.queueItems()[0]!;
    await calls.accept(d, doctor, consultationId);
    const last = a.events.slice(-2);
    expect(last).toMatchObject([
      { type: 'queue-updated', position: 1, wait: { kind: 'doctor-coming' } },
      { type: 'doctor-accepted' },
    ]);
    // "A doctor is coming" was never said before the accept.
    expect(queueUpdates(a).filter((w) => w.kind === 'doctor-coming')).toHaveLength(1);
    calls.close();
  });

  it('learns the pick-up and the consultation length from what doctors on duty did', async () => {
    const { calls, advance, join } = setup();
    const d = link<DoctorEvent>('d');
    calls.doctorOnline(d, onDuty());
    const first = join(S1, link<KioskEvent>('a')).consultationId;
    advance(60_000);
    await calls.accept(d, doctor, first);
    advance(5 * 60_000);
    await calls.endCall(doctor, first, null, noteOf(''));
    // Measured: 1 minute to pick a patient up, 5-minute consultations.
    const b = link<KioskEvent>('b');
    expect(join(S2, b)).toMatchObject({ wait: { kind: 'estimate', minutes: 1 } });
    expect(join(S3, link<KioskEvent>('c'))).toMatchObject({ position: 2, wait: { kind: 'estimate', minutes: 7 } });
    calls.close();
  });
});
