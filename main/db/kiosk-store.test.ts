import { randomUUID } from 'node:crypto';
import type { Measurement } from '../../common/devices/measurement';
import { describe, expect, it } from 'vitest';
import { KioskStore } from './kiosk-store';
import { ManualClock } from '../../common/util/testing/manual-clock';
import {
  SAMPLE_CONSENT,
  SAMPLE_IDENTITY,
  SAMPLE_INTAKE,
  bloodPressure,
  oximetry,
  sampleCalibration,
  temperature,
} from '../../common/records/testing/samples';

function newStore(clock = new ManualClock()) {
  return KioskStore.open({ file: ':memory:', key: null, clock });
}

function openedSession(store: KioskStore) {
  const id = randomUUID();
  store.openSession({ id, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
  return id;
}

describe('KioskStore (SessionStore)', () => {
  it('writes every step of a session to the outbox, in order, with stable ids', () => {
    const store = newStore();
    const sessionId = openedSession(store);
    store.saveIdentity(sessionId, SAMPLE_IDENTITY);
    store.saveConsent(sessionId, SAMPLE_CONSENT);
    store.saveIntake(sessionId, SAMPLE_INTAKE);
    const reading = oximetry();
    store.recordMeasurement(sessionId, reading);
    store.closeSession(sessionId, {
      endedAt: '2026-03-02T09:20:00.000Z',
      outcome: 'completed',
      prescriptionNumber: 'RX1',
      rating: 5,
    });
    const pending = store.outbox.pending(100);
    expect(pending.map((p) => p.item.kind)).toEqual([
      'session-opened',
      'identity',
      'consent',
      'intake',
      'measurement',
      'session-closed',
    ]);
    expect(pending.every((p) => p.item.sessionId === sessionId)).toBe(true);
    expect(pending[4]!.item).toEqual({ id: reading.id, sessionId, kind: 'measurement', payload: reading });
    expect(pending[1]!.item.payload).toEqual(SAMPLE_IDENTITY);
    expect(new Set(pending.map((p) => p.item.id)).size).toBe(6);
    expect(store.outbox.pending(100)).toEqual(pending);
  });

  it("keeps a batch under a byte budget that the platform's body limit sets, yet never returns none", () => {
    const store = newStore();
    const sessionId = openedSession(store);
    for (let i = 0; i < 20; i++) store.recordMeasurement(sessionId, oximetry());
    const all = store.outbox.pending(100);
    const sizes = all.map((p) => JSON.stringify(p.item).length);
    // The envelope estimate (256 bytes an item) is generous: a budget of a few items' JSON holds fewer.
    const budget = sizes.slice(0, 6).reduce((a, b) => a + b, 0);
    const fitted = store.outbox.pending(100, budget);
    expect(fitted.length).toBeGreaterThan(0);
    expect(fitted.length).toBeLessThan(6);
    expect(JSON.stringify(fitted.map((p) => p.item)).length).toBeLessThanOrEqual(budget);
    expect(fitted).toEqual(all.slice(0, fitted.length));
    expect(store.outbox.pending(100, 1)).toEqual(all.slice(0, 1));
  });

  it('writes a measurement and its outbox row together, and a retried id adds nothing', () => {
    const store = newStore();
    const sessionId = openedSession(store);
    let notified = 0;
    store.outbox.onWrite(() => notified++);
    const reading = temperature();
    store.recordMeasurement(sessionId, reading);
    store.recordMeasurement(sessionId, reading);
    expect(store.consultation(sessionId)!.measurements).toEqual([reading]);
    expect(store.outbox.counts()).toEqual({ pending: 2, acknowledged: 0 });
    expect(notified).toBe(2);
  });

  it('rolls the measurement back when its outbox row cannot be written (unknown session)', () => {
    const store = newStore();
    expect(() => store.recordMeasurement('no-such-session', oximetry())).toThrow(/FOREIGN KEY/);
    expect(store.outbox.counts()).toEqual({ pending: 0, acknowledged: 0 });
  });

  it('refuses invalid input with a message naming the field, writing nothing', () => {
    const store = newStore();
    const sessionId = openedSession(store);
    expect(() => store.recordMeasurement(sessionId, { ...oximetry(), spo2: 140 } as Measurement)).toThrow(/spo2/);
    expect(() => store.saveIdentity(sessionId, { ...SAMPLE_IDENTITY, nir: '123' })).toThrow(/nir/);
    expect(() => store.openSession({ id: 'bad id!', kioskId: 'k', startedAt: '2026-03-02T09:00:00Z' })).toThrow(
      /letters, digits/,
    );
    expect(store.outbox.counts().pending).toBe(1);
  });

  it('marks only acknowledged ids as sent', () => {
    const store = newStore();
    const sessionId = openedSession(store);
    const a = oximetry();
    const b = bloodPressure();
    store.recordMeasurement(sessionId, a);
    store.recordMeasurement(sessionId, b);
    expect(store.outbox.markAcknowledged([a.id, a.id, randomUUID()])).toBe(1);
    expect(store.outbox.pending(10).map((p) => p.item.id)).toEqual([store.outbox.pending(10)[0]!.item.id, b.id]);
    expect(store.outbox.counts()).toEqual({ pending: 2, acknowledged: 1 });
  });

  it('closes a session once; a second close is an error', () => {
    const store = newStore();
    const sessionId = openedSession(store);
    const end = {
      endedAt: '2026-03-02T09:20:00.000Z',
      outcome: 'cancelled' as const,
      prescriptionNumber: null,
      rating: null,
    };
    store.closeSession(sessionId, end);
    expect(() => store.closeSession(sessionId, end)).toThrow(/already closed/);
    expect(store.consultation(sessionId)).toMatchObject({ endedAt: end.endedAt, outcome: 'cancelled', identity: null });
  });

  it('keeps the device register and the audit log', () => {
    const store = newStore();
    store.register.recordEvent({ deviceId: 'bp-1', type: 'connected', detail: 'hidraw2' });
    const id = store.register.recordCalibration({
      deviceId: 'bp-1',
      model: 'omron-hem7322u',
      serialNumber: 'X1',
      performedAt: '2026-01-10T10:00:00Z',
      validUntil: '2027-01-10',
      result: 'passed',
      technician: 'T-042',
      notes: '',
    });
    store.register.addMaintenance({
      deviceId: null,
      at: '2026-01-10T11:00:00Z',
      action: 'install',
      technician: 'T-042',
      notes: 'cabine 1',
    });
    store.audit.append({ actor: 'technician', action: 'calibration-recorded', subject: 'bp-1' });
    expect(store.register.listEvents('bp-1')).toMatchObject([{ deviceId: 'bp-1', type: 'connected' }]);
    expect(store.register.listCalibrations('bp-1')).toMatchObject([{ id, result: 'passed', validUntil: '2027-01-10' }]);
    expect(store.register.listMaintenance()).toMatchObject([{ action: 'install', deviceId: null }]);
    expect(store.audit.list()).toMatchObject([
      { actor: 'technician', action: 'calibration-recorded', subject: 'bp-1' },
    ]);
    expect(() =>
      store.register.addMaintenance({ deviceId: null, at: 'yesterday', action: 'x', technician: 't', notes: '' }),
    ).toThrow(/at: expected an ISO/);
  });

  it('records a calibration check whole: register line, record, outbox row without session, audit', () => {
    const store = newStore();
    const check = sampleCalibration({ result: 'failed', validUntil: null });
    store.recordCalibration(check);
    expect(store.register.listCalibrations('bp-1')).toMatchObject([
      { id: check.id, result: 'failed', validUntil: null, technician: check.technician },
    ]);
    expect(store.register.check(check.id)).toEqual(check);
    expect(store.outbox.pending(10).map((p) => p.item)).toEqual([
      { id: check.id, sessionId: null, kind: 'calibration', payload: check },
    ]);
    expect(store.audit.list()).toMatchObject([{ actor: 'technician', action: 'calibration-failed', subject: 'bp-1' }]);
  });

  it('writes nothing of a check that fails its schema or collides with one already recorded', () => {
    const store = newStore();
    expect(() => store.recordCalibration({ ...sampleCalibration(), technician: '' })).toThrow(/technician/);
    const check = sampleCalibration();
    store.recordCalibration(check);
    expect(() => store.recordCalibration({ ...check, result: 'failed' })).toThrow(/UNIQUE/);
    expect(store.register.listCalibrations().map((c) => c.result)).toEqual(['passed']);
    expect(store.outbox.counts()).toEqual({ pending: 1, acknowledged: 0 });
    expect(store.audit.list()).toHaveLength(1);
  });
});
