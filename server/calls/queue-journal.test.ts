import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { migrateRecords } from '../records/migrations';
import { SqliteQueueStore } from '../records/sqlite-queue-store';
import { CallCenter, type KioskLink } from './call-center';
import { ConsultationBook } from './consultation-book';
import { QueueJournal, type RoomOpener } from './queue-journal';
import type { Room } from './room';
import type { DoctorPresence } from './queue-board';
import type { Measurement } from '../../common/devices/measurement';
import { memoryPrescriptionIssuer } from './testing/memory-prescription-issuer';
import { fakeRouter } from './testing/fake-router';
import type { BookedFields } from './booked-entry';

const entry = { ageYears: 30, specialty: 'general-practice' as const, territory: '75', reason: 'x' };
const doctor = { id: 'd1', name: 'Dr A', rpps: '10000000001' };
const HOLD_MS = 10 * 60_000;
const S = (n: number) => `6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9${n}`;
const kiosk = (id: string): KioskLink & { events: KioskEvent[] } => {
  const events: KioskEvent[] = [];
  return { id, events, send: (e: KioskEvent) => void events.push(e) };
};

/** A platform's calls on one records database (one SQLite connection stands for the file across restarts). */
async function boot(db: Database.Database, clock: ManualClock, openRoom: RoomOpener | null = null) {
  const book = new ConsultationBook();
  const calls = new CallCenter({
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(clock),
    clock,
    callbackHoldMs: HOLD_MS,
    kioskGraceMs: 60_000,
    book,
  });
  const journal = new QueueJournal(new SqliteQueueStore(db), book, calls, clock, openRoom);
  const restored = await journal.start();
  const join = async (sessionId: string, link: KioskLink, kioskId = 'kiosk-a', booked?: BookedFields) => {
    const grant = { kioskId, sessionId, expiresAt: Number.MAX_SAFE_INTEGER };
    const params = { token: 'x'.repeat(20), sessionId, queueEntry: entry, identity: null, devices: [] };
    const result = calls.joinQueue(link, grant, params, booked);
    await calls.stored();
    return result;
  };
  /** The process dies: nothing is closed, nothing more is written. */
  const kill = async () => {
    await journal.stop();
    calls.close();
  };
  return { calls, journal, join, kill, restored, book };
}

function database() {
  const db = new Database(':memory:');
  migrateRecords(db);
  return db;
}

describe('the queue journal', () => {
  it('brings back a call cut by the restart as waiting at its place, and refuses an ended session’s ticket', async () => {
    const db = database();
    const clock = new ManualClock();
    const before = await boot(db, clock);
    const first = await before.join(S(1), kiosk('a'));
    await before.join(S(2), kiosk('b'), 'kiosk-b');
    const left = kiosk('c');
    await before.join(S(3), left, 'kiosk-c');
    before.calls.leaveQueue(left);
    const d = kiosk('d') as unknown as Parameters<CallCenter['accept']>[0];
    before.calls.doctorOnline(d, {
      doctor,
      scope: { specialties: ['general-practice'], territories: ['75'] },
      token: 't',
      onDuty: true,
    });
    await before.calls.accept(d, doctor, first.consultationId);
    await before.calls.stored();
    await before.kill();

    const after = await boot(db, clock);
    expect(after.restored).toEqual({ consultations: 2, places: 0 });
    const back = await after.join(S(1), kiosk('a2'));
    expect(back).toMatchObject({ consultationId: first.consultationId, state: 'waiting', position: 1 });
    await expect(after.join(S(3), kiosk('c2'), 'kiosk-c')).rejects.toThrow(/already had its consultation/);
    await after.kill();
  });

  it('brings a booked patient back in their doctor’s waiting room, not in the live queue for any doctor', async () => {
    const db = database();
    const clock = new ManualClock();
    const before = await boot(db, clock);
    const at = Date.parse('2026-12-06T15:00:00Z');
    const booked = await before.join(S(4), kiosk('a'), 'kiosk-a', { bookedDoctorId: 'd1', appointmentAt: at });
    const walkIn = await before.join(S(5), kiosk('b'), 'kiosk-b');
    await before.kill();

    const after = await boot(db, clock);
    expect(after.book.get(booked.consultationId)).toMatchObject({ bookedDoctorId: 'd1', appointmentAt: at });
    expect(after.book.get(walkIn.consultationId)).toMatchObject({ bookedDoctorId: null, appointmentAt: null });
    await after.kill();
  });

  it('brings a call back in call with its doctor and its readings, each once, when a room opens for it', async () => {
    const db = database();
    const clock = new ManualClock();
    const before = await boot(db, clock);
    const first = await before.join(S(1), kiosk('a'));
    const d = kiosk('d') as unknown as Parameters<CallCenter['accept']>[0];
    const presence: DoctorPresence = {
      doctor,
      scope: { specialties: ['general-practice'], territories: ['75'] },
      token: 't',
      onDuty: true,
    };
    before.calls.doctorOnline(d, presence);
    await before.calls.accept(d, doctor, first.consultationId);
    const reading = { id: 'm-1', kind: 'temperature', celsius: 37.2 } as unknown as Measurement;
    before.book.get(first.consultationId)!.measurements.push(reading);
    // The next change of the queue (or the 30 s refresh) writes the reading with the call.
    before.calls.board.recordDuration(600);
    before.journal.record();
    await before.journal.flush();
    await before.kill();

    const rooms: string[] = [];
    const openRoom: RoomOpener = (c) => {
      rooms.push(c.id);
      return Promise.resolve({ resetPeer: () => {}, close: () => {}, isClosed: false } as unknown as Room);
    };
    const after = await boot(db, clock, openRoom);
    expect(rooms).toEqual([first.consultationId]);
    const back = await after.join(S(1), kiosk('a2'));
    expect(back).toMatchObject({ consultationId: first.consultationId, state: 'in-call', doctor });
    const d2 = kiosk('d2') as unknown as Parameters<CallCenter['accept']>[0];
    after.calls.doctorOnline(d2, presence);
    expect(after.calls.subscribeQueue(d2, doctor).ownCall).toBe(first.consultationId);
    const rejoined = after.calls.rejoin(d2, doctor, first.consultationId);
    expect(rejoined.measurements).toEqual([reading]);
    await after.kill();
  });

  it('keeps a called-back place and its hold; one whose hold ran out while down is released', async () => {
    const db = database();
    const clock = new ManualClock();
    const before = await boot(db, clock);
    const away = kiosk('a');
    await before.join(S(1), away);
    const place = before.calls.stepAway(away, '06 12 34 56 78');
    const resuming = kiosk('b');
    await before.join(S(2), resuming, 'kiosk-b');
    const second = before.calls.stepAway(resuming, null);
    before.calls.away.resume(second.ticket, () => true);
    await before.calls.stored();
    await before.kill();

    clock.advance(HOLD_MS / 2);
    const after = await boot(db, clock);
    expect(after.restored).toEqual({ consultations: 2, places: 2 });
    expect(after.calls.away.held().map((p) => [p.ticket, p.status, p.phone])).toEqual([
      [place.ticket, 'away', '06 12 34 56 78'],
      [second.ticket, 'resuming', null],
    ]);
    // The patient who left keeps the place: the kiosk-a cabin is free for the next one.
    expect(after.calls.kioskCalls().has('kiosk-a')).toBe(false);
    await after.kill();

    clock.advance(HOLD_MS);
    const later = await boot(db, clock);
    expect(later.calls.away.held().map((p) => p.ticket)).toEqual([place.ticket]);
    await later.kill();
  });
});
