import { noteOf } from '../../common/records/testing/samples';
import { describe, expect, it, vi } from 'vitest';
import type { ConsultationReport, DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { sleep, systemClock } from '../../common/util/clock';
import type { Participation } from '../access/consultation-access';
import { CallCenter, type DoctorLink } from './call-center';
import { memoryPrescriptionIssuer } from './testing/memory-prescription-issuer';
import { fakeRouter } from './testing/fake-router';

function link<E>(id: string) {
  const events: E[] = [];
  return { id, events, send: (e: E) => void events.push(e) };
}

const doctor = { id: 'd1', name: 'Dr A', rpps: '10000000001' };
const SESSION = '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e91';
const DRAFT = { lines: [{ item: 'Paracétamol 1 g', dosage: '1 g x3/j', duration: '3 jours', notes: '' }] };
const diskFull = () => {
  throw new Error('SQLITE_FULL: database or disk is full');
};

/** A call center whose report store and participation record fail while the test says so. */
function setup() {
  const clock = new ManualClock();
  const stored: ConsultationReport[] = [];
  const participations: Participation[] = [];
  const failing = { reports: false, participation: false };
  const prescriptions = memoryPrescriptionIssuer(clock);
  /** Routers opened and not closed (the prepared room of the patient next in line is one). */
  const routers = { open: 0 };
  const calls = new CallCenter({
    createRouter: async () => {
      routers.open++;
      return Object.assign(fakeRouter(), { close: () => void routers.open-- });
    },
    prescriptions,
    clock,
    storeReport: (report) => (failing.reports ? diskFull() : void stored.push(report)),
    recordParticipation: (p) => (failing.participation ? diskFull() : void participations.push(p)),
  });
  const kiosk = link<KioskEvent>('k');
  const d = link<DoctorEvent>('d') as DoctorLink & { events: DoctorEvent[] };
  calls.doctorOnline(d, {
    doctor,
    scope: { specialties: ['general-practice'], territories: ['75'] },
    token: 't-d',
    onDuty: true,
  });
  const { consultationId } = calls.joinQueue(
    kiosk,
    { kioskId: 'kiosk-a', sessionId: SESSION, expiresAt: Infinity },
    {
      token: 'x'.repeat(20),
      sessionId: SESSION,
      queueEntry: { ageYears: 30, specialty: 'general-practice', territory: '75', reason: 'x' },
      identity: null,
      devices: [],
    },
  );
  return { calls, clock, kiosk, d, consultationId, stored, participations, failing, prescriptions, routers };
}

describe('CallCenter: the report and the doctor’s part are stored, never lost', () => {
  it('records the doctor as taking part on accept; a failure to record it refuses the accept', async () => {
    const { calls, kiosk, d, consultationId, participations, failing, routers } = setup();
    await sleep(systemClock, 0);
    // Next in line with a doctor online: the room of the call is prepared.
    expect(kiosk.events.map((e) => e.type)).toContain('prepare-media');
    expect(routers.open).toBe(1);
    failing.participation = true;
    await expect(calls.accept(d, doctor, consultationId)).rejects.toMatchObject({
      code: 'internal',
      message: 'the platform could not record that you took this patient: try again',
    });
    expect(calls.stats()).toMatchObject({ waiting: 1, inCall: 0 });
    // The refused accept closed the prepared room and told the kiosk.
    expect(routers.open).toBe(0);
    expect(kiosk.events.at(-1)?.type).toBe('release-media');
    failing.participation = false;
    await calls.accept(d, doctor, consultationId);
    expect(participations).toEqual([
      { consultationId, sessionId: SESSION, kioskId: 'kiosk-a', doctorId: 'd1', at: expect.any(Number) },
    ]);
    calls.close();
  });

  it('keeps the call open when the report cannot be stored, and ends it on retry with the same prescription', async () => {
    const { calls, kiosk, d, consultationId, stored, failing, prescriptions } = setup();
    await calls.accept(d, doctor, consultationId);
    const issue = vi.spyOn(prescriptions, 'issue');
    failing.reports = true;
    await expect(calls.endCall(doctor, consultationId, DRAFT, noteOf('Notes du médecin'))).rejects.toThrow(
      'the report could not be stored, so the consultation is not ended: your notes and prescription are kept; try again',
    );
    // Nothing left for the kiosk: still in call, no call-ended, the doctor may go on.
    expect(calls.stats()).toMatchObject({ inCall: 1 });
    expect(kiosk.events.some((e) => e.type === 'call-ended')).toBe(false);
    expect(() => calls.saveNote(doctor, consultationId, noteOf('Notes du médecin, suite'))).not.toThrow();
    failing.reports = false;
    const { report } = await calls.endCall(doctor, consultationId, DRAFT, noteOf('Notes du médecin, suite'));
    expect(stored).toEqual([report]);
    expect(report.note.examination).toBe('Notes du médecin, suite');
    // The retry reused the prescription the failed attempt had numbered.
    expect(issue).toHaveBeenCalledTimes(1);
    expect(kiosk.events.find((e) => e.type === 'call-ended')).toMatchObject({
      reason: 'doctor-ended',
      prescription: { number: report.prescription!.number },
    });
    calls.close();
  });

  it('keeps the call open when the prescription cannot be stored', async () => {
    const { calls, d, consultationId, prescriptions } = setup();
    await calls.accept(d, doctor, consultationId);
    vi.spyOn(prescriptions, 'issue').mockImplementationOnce(diskFull);
    await expect(calls.endCall(doctor, consultationId, DRAFT, noteOf('n'))).rejects.toThrow(
      /prescription could not be stored/,
    );
    expect(calls.stats()).toMatchObject({ inCall: 1 });
    expect((await calls.endCall(doctor, consultationId, DRAFT, noteOf('n'))).report.prescription).not.toBeNull();
    calls.close();
  });

  it('keeps the report of a call that ended without the doctor in memory until the store takes it', async () => {
    const { calls, clock, kiosk, d, consultationId, stored, failing } = setup();
    await calls.accept(d, doctor, consultationId);
    calls.saveNote(doctor, consultationId, noteOf('Examen en cours'));
    failing.reports = true;
    calls.leaveQueue(kiosk);
    expect(calls.unstoredReports()).toEqual([consultationId]);
    clock.advance(30_000);
    expect(calls.unstoredReports()).toEqual([consultationId]);
    failing.reports = false;
    clock.advance(30_000);
    // The store is asynchronous (PostgreSQL): the retry the timer started settles first.
    await calls.flushReports();
    expect(calls.unstoredReports()).toEqual([]);
    expect(stored).toMatchObject([{ consultationId, note: noteOf('Examen en cours') }]);
    calls.close();
  });
});
