import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oximetry } from '../../common/records/testing/samples';
import { KioskStore } from './kiosk-store';
import { corruptPage } from './testing/corrupt-page';

let dir: string;
const key = randomBytes(32);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-quarantine-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A store with `n` unsent readings in one session; returns their ids in order. */
function filled(file: string, n: number): string[] {
  const store = KioskStore.open({ file, key });
  const sessionId = randomUUID();
  store.openSession({ id: sessionId, kioskId: 'k1', startedAt: new Date().toISOString() });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const reading = oximetry(new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), 95, 70);
    store.recordMeasurement(sessionId, reading);
    ids.push(reading.id);
  }
  store.close();
  return ids;
}

describe('a store found damaged at open', () => {
  it('is moved aside and replaced by a new store holding every unsent record it could read', () => {
    const file = join(dir, 'store.sqlite');
    const ids = filled(file, 400);
    const pages = corruptPage(file, 40);
    expect(pages).toBeGreaterThan(60);

    const store = KioskStore.open({ file, key });
    const report = store.quarantine;
    expect(report).not.toBeNull();
    expect(report!.problem).toMatch(/\S/);
    expect(existsSync(report!.movedTo)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toContain(report!.movedTo.split('/').at(-1));
    const pending = store.outbox.pending(10_000).map((p) => p.item.id);
    expect(pending.length).toBe(report!.salvagedOutboxRows);
    // One damaged page holds a few dozen rows at most; the rest came through, in order, once each.
    expect(pending.length).toBeGreaterThan(300);
    expect(new Set(pending).size).toBe(pending.length);
    const order = new Map(ids.map((id, i) => [id, i]));
    const readings = pending.filter((id) => order.has(id));
    expect(readings).toEqual([...readings].sort((a, b) => order.get(a)! - order.get(b)!));
    // The kiosk goes on: new writes land in the new store.
    const sessionId = randomUUID();
    store.openSession({ id: sessionId, kioskId: 'k1', startedAt: new Date().toISOString() });
    store.recordMeasurement(sessionId, oximetry(new Date().toISOString(), 96, 71));
    expect(store.outbox.counts().pending).toBe(pending.length + 2);
    store.close();
    // Reopened, the new store is sound: nothing is quarantined twice.
    const again = KioskStore.open({ file, key });
    expect(again.quarantine).toBeNull();
    again.close();
  });

  it('leaves a sound store where it is', () => {
    const file = join(dir, 'store.sqlite');
    filled(file, 10);
    const store = KioskStore.open({ file, key });
    expect(store.quarantine).toBeNull();
    expect(store.outbox.counts().pending).toBe(11);
    store.close();
    expect(readdirSync(dir).some((f) => f.includes('.corrupt-'))).toBe(false);
  });
});
