import { noteOf } from '../../common/records/testing/samples';
import { afterEach, describe, expect, it } from 'vitest';
import type { PatientIdentity } from '../../common/identity/identity';
import type { DoctorEvent, KioskEvent } from '../../common/signaling/messages';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { CallCenter, type DoctorLink } from '../calls/call-center';
import { memoryPrescriptionIssuer } from '../calls/testing/memory-prescription-issuer';
import { openPlatformStores, type PlatformStores } from '../platform-stores';
import { IN_MEMORY_RECORDS } from '../records/records-database';
import { billingEntryFor, COVERAGE_UNKNOWN, coverageFromIntake, parisDay } from './billing-entry';
import { SqliteRecordsRepository } from '../records/sqlite-records-repository';
import type { RecordItem } from '../../common/records/wire';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fakeRouter } from '../calls/testing/fake-router';

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

let stores: PlatformStores;
afterEach(() => stores?.close());

/** A call center storing into a real (in-memory) records database, whose write fails while told. */
function setup(identity: PatientIdentity | null) {
  stores = openPlatformStores(IN_MEMORY_RECORDS);
  return setupOn(stores, identity);
}

function setupOn(stores: PlatformStores, identity: PatientIdentity | null = IDENTITY) {
  const clock = new ManualClock(Date.parse('2026-12-05T21:30:00Z'));
  const failing = { now: false };
  const calls = new CallCenter({
    createRouter: async () => fakeRouter(),
    prescriptions: memoryPrescriptionIssuer(clock),
    clock,
    storeReport: (report, id) => {
      if (failing.now) throw new Error('SQLITE_FULL: database or disk is full');
      stores.saveEnded(report, billingEntryFor(report, id, 'pharmacie-a'));
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

describe('billing entries: one per consultation a doctor took and ended', () => {
  it('writes the row with the report, once, even when the end is retried after a failed write', async () => {
    const { calls, clock, d, consultationId, failing } = setup(IDENTITY);
    await calls.accept(d, doctor, consultationId);
    clock.advance(600_000);
    failing.now = true;
    await expect(calls.endCall(doctor, consultationId, null, noteOf('notes'))).rejects.toThrow(/not ended/);
    expect(stores.billing.forMonth('2026-12', null)).toEqual([]);
    failing.now = false;
    await calls.endCall(doctor, consultationId, null, noteOf('notes'));
    // The kiosk leaving afterwards ends nothing more.
    calls.close();
    const rows = stores.billing.forMonth('2026-12', null);
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
    expect(stores.billing.record(rows[0]!)).toBe(false);
    expect(stores.billing.forMonth('2026-12', null)).toHaveLength(1);
  });

  it('stores neither the report nor the row when the row is refused (one transaction: the end is retried whole)', async () => {
    const { calls, d, consultationId } = setup(IDENTITY);
    await calls.accept(d, doctor, consultationId);
    const report = (await calls.endCall(doctor, consultationId, null, noteOf(''))).report;
    calls.close();
    const other = { ...report, consultationId: 'other' };
    const broken = { ...billingEntryFor(other, IDENTITY, null), actCode: null as unknown as string };
    expect(() => stores.saveEnded(other, broken)).toThrow(/NOT NULL/);
    expect(stores.reports.get('other')).toBeNull();
    expect(stores.billing.forMonth('2026-12', null).map((e) => e.consultationId)).toEqual([consultationId]);
  });

  it('writes no row for a consultation no doctor took', () => {
    const { calls } = setup(null);
    calls.close();
    expect(stores.billing.forMonth('2026-12', null)).toEqual([]);
  });

  it('counts per pharmacy per day and month in France, and scopes the month to a pharmacy', () => {
    stores = openPlatformStores(IN_MEMORY_RECORDS);
    const base = billingEntryFor(
      {
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
      },
      null,
      'pharmacie-a',
    );
    // A specialist bills TC at their own fee, which the platform does not know.
    expect(base.teleconsultationAct).toBe('TC');
    expect(base.teleconsultationFeeCents).toBeNull();
    const put = (id: string, endedAt: string, pharmacyId: string) =>
      stores.billing.record({ ...base, consultationId: id, endedAt, day: parisDay(new Date(endedAt)), pharmacyId });
    put('a1', '2026-12-05T09:00:00.000Z', 'pharmacie-a');
    put('a2', '2026-12-05T23:30:00.000Z', 'pharmacie-a'); // 00:30 on the 6th in Paris
    put('a3', '2026-11-30T23:30:00.000Z', 'pharmacie-a'); // 00:30 on 1 December in Paris
    put('b1', '2026-12-05T10:00:00.000Z', 'pharmacie-b');
    expect(stores.billing.counts('pharmacie-a', '2026-12-05')).toEqual({ day: 1, month: 3 });
    expect(stores.billing.counts('pharmacie-a', '2026-12-06')).toEqual({ day: 1, month: 3 });
    expect(stores.billing.counts('pharmacie-b', '2026-12-05')).toEqual({ day: 1, month: 1 });
    expect(stores.billing.forMonth('2026-12', 'pharmacie-a').map((e) => e.consultationId)).toEqual(['a3', 'a1', 'a2']);
    expect(stores.billing.forMonth('2026-12', null)).toHaveLength(4);
    expect(() => stores.billing.forMonth('2026-13', null)).toThrow(/expected YYYY-MM/);
  });

  it('reads the coverage from the intake the kiosk synced, whether it arrives before or after the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'billing-coverage-'));
    const file = { file: join(dir, 'records.db'), key: null };
    const records = new SqliteRecordsRepository(file);
    stores = openPlatformStores(file);
    try {
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
      expect(stores.billing.forMonth('2026-12', null)[0]!.coverage).toBe(COVERAGE_UNKNOWN);
      const answers = {
        hasMedecinTraitant: true,
        referredByMedecinTraitant: false,
        exception: 'none',
        aldOrMaternity: true,
      };
      await records.storeBatch('kiosk-a', [intakeItem(answers)]);
      expect(stores.billing.forMonth('2026-12', null)[0]!.coverage).toBe(
        '100 % (ALD ou maternité, tiers payant) — déclaré au kiosque',
      );
    } finally {
      await records.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

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
