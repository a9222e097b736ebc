import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KioskStore } from './kiosk-store';
import type { RetentionPolicy } from './retention';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { SAMPLE_CONSENT, SAMPLE_IDENTITY, oximetry, sampleCalibration } from '../../common/records/testing/samples';

const POLICY: RetentionPolicy = { purgeAfterAckMinutes: 10, maintenanceRegisterYears: 5 };
const MINUTE = 60_000;

function setup() {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  const store = KioskStore.open({ file: ':memory:', key: null, clock });
  const sessionId = randomUUID();
  store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: '2026-03-02T09:00:00.000Z' });
  store.saveIdentity(sessionId, SAMPLE_IDENTITY);
  store.saveConsent(sessionId, SAMPLE_CONSENT);
  store.recordMeasurement(sessionId, oximetry());
  return { clock, store, sessionId };
}

const close = (store: KioskStore, sessionId: string) =>
  store.closeSession(sessionId, {
    endedAt: '2026-03-02T09:20:00.000Z',
    outcome: 'completed',
    prescriptionNumber: null,
    rating: null,
  });
const ackAll = (store: KioskStore) => store.outbox.markAcknowledged(store.outbox.pending(1000).map((p) => p.item.id));

describe('retention', () => {
  it('purges identity and measurements once acknowledged, the session over and the delay passed', () => {
    const { clock, store, sessionId } = setup();
    close(store, sessionId);
    ackAll(store);
    clock.advance(10 * MINUTE - 1);
    expect(store.purge(POLICY).sessions).toBe(0);
    expect(store.consultation(sessionId)?.identity).toEqual(SAMPLE_IDENTITY);
    clock.advance(1);
    expect(store.purge(POLICY).sessions).toBe(1);
    expect(store.consultation(sessionId)).toMatchObject({ identity: null, measurements: [], outcome: 'completed' });
    expect(store.outbox.counts()).toEqual({ pending: 0, acknowledged: 0 });
    expect(store.purge(POLICY).sessions).toBe(0);
  });

  it('never purges a session with anything unacknowledged, however old', () => {
    const { clock, store, sessionId } = setup();
    close(store, sessionId);
    const pending = store.outbox.pending(1000);
    store.outbox.markAcknowledged(pending.slice(0, -1).map((p) => p.item.id));
    clock.advance(365 * 24 * 60 * MINUTE);
    expect(store.purge(POLICY).sessions).toBe(0);
    expect(store.consultation(sessionId)?.measurements).toHaveLength(1);
    expect(store.outbox.counts().pending).toBe(1);
  });

  it('never purges a session that is still open, even when all of it is acknowledged', () => {
    const { clock, store, sessionId } = setup();
    ackAll(store);
    clock.advance(24 * 60 * MINUTE);
    expect(store.purge(POLICY).sessions).toBe(0);
    expect(store.consultation(sessionId)?.identity).not.toBeNull();
  });

  it('purges a session interrupted by a restart once it is closed as such and acknowledged', () => {
    const { clock, store, sessionId } = setup();
    const later = KioskStore.open({ file: ':memory:', key: null, clock });
    expect(later.closeInterruptedSessions('2026-03-02T09:30:00.000Z')).toEqual([]);
    expect(store.closeInterruptedSessions('2026-03-02T09:30:00.000Z')).toEqual([sessionId]);
    expect(store.consultation(sessionId)).toMatchObject({
      outcome: 'interrupted',
      endedAt: '2026-03-02T09:30:00.000Z',
    });
    expect(store.outbox.pending(100).at(-1)!.item).toMatchObject({
      kind: 'session-closed',
      payload: { outcome: 'interrupted' },
    });
    ackAll(store);
    clock.advance(10 * MINUTE);
    expect(store.purge(POLICY).sessions).toBe(1);
    expect(store.consultation(sessionId)?.identity).toBeNull();
  });

  it('counts the delay from the last acknowledgement, not from the end of the session', () => {
    const { clock, store, sessionId } = setup();
    close(store, sessionId);
    clock.advance(60 * MINUTE);
    ackAll(store);
    clock.advance(9 * MINUTE);
    expect(store.purge(POLICY).sessions).toBe(0);
    clock.advance(MINUTE);
    expect(store.purge(POLICY).sessions).toBe(1);
  });

  it('keeps the maintenance register and calibrations 5 years, then deletes them', () => {
    const clock = new ManualClock(Date.parse('2031-06-01T12:00:00Z'));
    const store = KioskStore.open({ file: ':memory:', key: null, clock });
    const calibration = (performedAt: string) =>
      store.register.recordCalibration({
        deviceId: 'bp-1',
        model: 'omron-hem7322u',
        serialNumber: null,
        performedAt,
        validUntil: null,
        result: 'passed',
        technician: 'T',
        notes: '',
      });
    calibration('2026-06-01T11:59:59Z');
    const kept = calibration('2026-06-01T12:00:01Z');
    store.register.addMaintenance({
      deviceId: null,
      at: '2026-05-31T00:00:00Z',
      action: 'install',
      technician: 'T',
      notes: '',
    });
    store.register.addMaintenance({
      deviceId: null,
      at: '2027-01-01T00:00:00Z',
      action: 'clean',
      technician: 'T',
      notes: '',
    });
    expect(store.purge(POLICY).registerLines).toBe(2);
    expect(store.register.listCalibrations().map((c) => c.id)).toEqual([kept]);
    expect(store.register.listMaintenance().map((m) => m.action)).toEqual(['clean']);
    expect(store.purge({ ...POLICY, maintenanceRegisterYears: 10 }).registerLines).toBe(0);
  });

  it("drops a calibration's outbox copy once acknowledged and past the delay, keeping the register line", () => {
    const { clock, store } = setup();
    const check = sampleCalibration();
    store.recordCalibration(check);
    clock.advance(60 * MINUTE);
    expect(store.purge(POLICY).registerLines).toBe(0);
    expect(store.outbox.pending(10).map((p) => p.item.id)).toContain(check.id);
    store.outbox.markAcknowledged([check.id]);
    clock.advance(POLICY.purgeAfterAckMinutes * MINUTE);
    store.purge(POLICY);
    expect(store.outbox.counts().acknowledged).toBe(0);
    expect(store.register.check(check.id)).toEqual(check);
  });
});
