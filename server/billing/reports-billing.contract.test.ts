import { noteOf } from '../../common/records/testing/samples';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { PatientIdentity } from '../../common/identity/identity';
import type { RecordItem } from '../../common/records/wire';
import type { ConsultationReport, DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { CallCenter, type DoctorLink } from '../calls/call-center';
import { fakeRouter } from '../calls/testing/fake-router';
import { memoryPrescriptionIssuer } from '../calls/testing/memory-prescription-issuer';
import type { PlatformStores } from '../platform-stores';
import { careEngines } from '../testing/care-store-engines';
import { requirePostgres } from '../testing/postgres-instance';
import { billingEntryFor, COVERAGE_UNKNOWN, coverageFromIntake, parisDay } from './billing-entry';
import { cleanupsAfterEach } from '../../common/util/testing/cleanups';

/**
 * One contract for the doctors' reports and the billing rows, both engines: the embedded SQLite
 * and a private PostgreSQL (the report and the NIR sealed there). The report and its row are
 * stored in one transaction by the end of a call (PlatformStores.saveEnded).
 */
const postgres = await requirePostgres();
afterAll(() => (postgres.missing ? undefined : postgres.value.stop()));
const cleanups = cleanupsAfterEach();

const doctor = { id: 'd1', name: 'Dr A', rpps: '10000000001' };
const SESSION = '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e91';
const IDENTITY: PatientIdentity = {
  lastName: 'MARTIN',
  firstName: 'Léa',
  birthDate: '1990-01-01',
  nir: '290017512345678',
  source: 'card',
};
const link = <E>(id: string) => ({ id, send: (_e: E) => {} });

/** A call center storing into the engine's stores, whose write fails while told. */
function setupOn(stores: PlatformStores, identity: PatientIdentity | null = IDENTITY) {
  const clock = new ManualClock(Date.parse('2026-12-05T21:30:00Z'));
  const failing = { now: false };
  const calls = new CallCenter({
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(clock),
    clock,
    storeReport: (report, id) => {
      if (failing.now) throw new Error('SQLITE_FULL: database or disk is full');
      return stores.saveEnded(report, billingEntryFor(report, id, 'pharmacie-a'));
    },
  });
  const d = link<DoctorEvent>('d') as DoctorLink;
  calls.doctorOnline(d, {
    doctor,
    scope: { specialties: ['general-practice'], territories: ['75'] },
    token: 't',
    onDuty: true,
  });
  const { consultationId } = calls.joinQueue(
    link<KioskEvent>('k'),
    { kioskId: 'kiosk-a', sessionId: SESSION, expiresAt: Infinity },
    {
      token: 'x'.repeat(20),
      sessionId: SESSION,
      queueEntry: { ageYears: 30, specialty: 'general-practice', territory: '75', reason: 'x' },
      identity,
      devices: [],
    },
  );
  return { calls, clock, d, consultationId, failing };
}

const SPECIALIST_REPORT: ConsultationReport = {
  consultationId: 'c',
  kioskId: 'k',
  sessionId: SESSION,
  doctor,
  specialty: 'paediatrics',
  reason: '',
  acceptedAt: '2026-12-01T10:00:00.000Z',
  endedAt: '2026-12-01T10:00:00.000Z',
  durationSeconds: 0,
  identityVerified: false,
  measurements: [],
  note: noteOf(''),
  prescription: null,
};

for (const engine of careEngines(postgres, cleanups)) {
  engine.describe(`reports and billing rows contract (${engine.name})`, () => {
    it('writes the row with the report, once, even when the end is retried after a failed write', async () => {
      const database = await engine.fresh();
      const { stores } = await database.open();
      const { calls, clock, d, consultationId, failing } = setupOn(stores, IDENTITY);
      await calls.accept(d, doctor, consultationId);
      clock.advance(600_000);
      failing.now = true;
      await expect(calls.endCall(doctor, consultationId, null, noteOf('NOTESDUMEDECIN'))).rejects.toThrow(/not ended/);
      expect(await stores.billing.forMonth('2026-12', null)).toEqual([]);
      failing.now = false;
      await calls.endCall(doctor, consultationId, null, noteOf('NOTESDUMEDECIN'));
      // The kiosk leaving afterwards ends nothing more.
      calls.close();
      const rows = await stores.billing.forMonth('2026-12', null);
      expect(rows).toEqual([
        {
          consultationId,
          endedAt: '2026-12-05T21:40:00.000Z',
          day: '2026-12-05',
          pharmacyId: 'pharmacie-a',
          kioskId: 'kiosk-a',
          doctorRpps: '10000000001',
          nir: '290017512345678',
          actCode: 'TLM',
          amountCents: 100,
          teleconsultationAct: 'TCG',
          teleconsultationFeeCents: 3000,
          coverage: COVERAGE_UNKNOWN,
        },
      ]);
      // A second write of the same consultation (a replay) adds nothing.
      expect(await stores.billing.record(rows[0]!)).toBe(false);
      expect(await stores.billing.forMonth('2026-12', null)).toHaveLength(1);
      // Another node reads the same report and row.
      const other = await database.open();
      expect(await other.stores.reports.get(consultationId)).toMatchObject({ note: noteOf('NOTESDUMEDECIN') });
      expect(await other.stores.billing.counts('pharmacie-a', '2026-12-05')).toEqual({ day: 1, month: 1 });
      // At rest on PostgreSQL: the ids in clear for the look-ups, the notes and the NIR sealed.
      const dump = database.dump?.();
      if (dump) {
        expect(dump.includes(Buffer.from(consultationId))).toBe(true);
        for (const needle of ['NOTESDUMEDECIN', '290017512345678'])
          expect(dump.includes(Buffer.from(needle)), needle).toBe(false);
      }
    });

    it('stores neither the report nor the row when the row is refused (one transaction: the end is retried whole)', async () => {
      const { stores } = await (await engine.fresh()).open();
      const { calls, d, consultationId } = setupOn(stores, IDENTITY);
      await calls.accept(d, doctor, consultationId);
      const report = (await calls.endCall(doctor, consultationId, null, noteOf(''))).report;
      calls.close();
      const other = { ...report, consultationId: 'other' };
      const broken = { ...billingEntryFor(other, IDENTITY, null), actCode: null as unknown as string };
      await expect(stores.saveEnded(other, broken)).rejects.toThrow(/NOT NULL|not-null/);
      expect(await stores.reports.get('other')).toBeNull();
      expect((await stores.billing.forMonth('2026-12', null)).map((e) => e.consultationId)).toEqual([consultationId]);
    });

    it('writes no row for a consultation no doctor took', async () => {
      const { stores } = await (await engine.fresh()).open();
      const { calls } = setupOn(stores, null);
      calls.close();
      expect(await stores.billing.forMonth('2026-12', null)).toEqual([]);
      expect(await stores.reports.get('nothing')).toBeNull();
    });

    it('counts per pharmacy per day and month in France, and scopes the month to a pharmacy', async () => {
      const { stores } = await (await engine.fresh()).open();
      const base = billingEntryFor(SPECIALIST_REPORT, null, 'pharmacie-a');
      // A specialist bills TC at their own fee, which the platform does not know.
      expect(base.teleconsultationAct).toBe('TC');
      expect(base.teleconsultationFeeCents).toBeNull();
      const put = (id: string, endedAt: string, pharmacyId: string) =>
        stores.billing.record({ ...base, consultationId: id, endedAt, day: parisDay(new Date(endedAt)), pharmacyId });
      await put('a1', '2026-12-05T09:00:00.000Z', 'pharmacie-a');
      await put('a2', '2026-12-05T23:30:00.000Z', 'pharmacie-a'); // 00:30 on the 6th in Paris
      await put('a3', '2026-11-30T23:30:00.000Z', 'pharmacie-a'); // 00:30 on 1 December in Paris
      await put('b1', '2026-12-05T10:00:00.000Z', 'pharmacie-b');
      expect(await stores.billing.counts('pharmacie-a', '2026-12-05')).toEqual({ day: 1, month: 3 });
      expect(await stores.billing.counts('pharmacie-a', '2026-12-06')).toEqual({ day: 1, month: 3 });
      expect(await stores.billing.counts('pharmacie-b', '2026-12-05')).toEqual({ day: 1, month: 1 });
      const a = await stores.billing.forMonth('2026-12', 'pharmacie-a');
      expect(a.map((e) => e.consultationId)).toEqual(['a3', 'a1', 'a2']);
      expect(a[0]).toMatchObject({ nir: null, teleconsultationFeeCents: null });
      expect(await stores.billing.forMonth('2026-12', null)).toHaveLength(4);
      await expect(stores.billing.forMonth('2026-13', null)).rejects.toThrow(/expected YYYY-MM/);
    });

    it('reads the coverage from the intake the kiosk synced, whether it arrives before or after the end', async () => {
      const { stores, records } = await (await engine.fresh()).open();
      const { calls, d, consultationId } = setupOn(stores);
      await calls.accept(d, doctor, consultationId);
      await stores.access.recordParticipation({
        consultationId,
        sessionId: SESSION,
        kioskId: 'kiosk-a',
        doctorId: 'd1',
        at: 1,
      });
      await calls.endCall(doctor, consultationId, null, noteOf(''));
      calls.close();
      expect((await stores.billing.forMonth('2026-12', null))[0]!.coverage).toBe(COVERAGE_UNKNOWN);
      const answers = {
        hasMedecinTraitant: true,
        referredByMedecinTraitant: false,
        exception: 'none',
        aldOrMaternity: true,
      };
      await records.storeBatch('kiosk-a', [intakeItem(answers)]);
      expect((await stores.billing.forMonth('2026-12', null))[0]!.coverage).toBe(
        '100 % (ALD ou maternité, tiers payant) — déclaré au kiosque',
      );
    });
  });
}

describe('billing coverage', () => {
  it('words each coverage without medical detail', () => {
    const base = {
      hasMedecinTraitant: true,
      referredByMedecinTraitant: true,
      exception: 'none',
      aldOrMaternity: false,
    } as const;
    expect(coverageFromIntake(base, 'general-practice')).toBe('70 % (parcours de soins respecté) — déclaré au kiosque');
    expect(coverageFromIntake({ ...base, referredByMedecinTraitant: false }, 'general-practice')).toBe(
      '30 % (hors parcours de soins) — déclaré au kiosque',
    );
    expect(coverageFromIntake({ ...base, exception: 'under-16' }, 'general-practice')).toBe(
      '70 % (parcours de soins respecté, sans participation forfaitaire) — déclaré au kiosque',
    );
    expect(coverageFromIntake(null, 'general-practice')).toMatch(/^non déclarée/);
  });
});

function intakeItem(carePathway: unknown): RecordItem {
  return {
    id: randomUUID(),
    sessionId: SESSION,
    kind: 'intake',
    payload: {
      carePathway,
      locality: null,
      specialty: 'general-practice',
      reason: 'x',
      contact: { email: null, phone: null },
    },
  } as RecordItem;
}
