import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oximetry } from '../../common/records/testing/samples';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { FULL_CHECK_EVERY_MS, forgetCleanClose } from './integrity-schedule';
import { KioskStore } from './kiosk-store';
import { corruptPage } from './testing/corrupt-page';

let dir: string;
const key = randomBytes(32);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-quarantine-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A store with `n` unsent readings in one session; returns their ids in order. */
function filled(file: string, n: number, clock?: ManualClock): string[] {
  const store = KioskStore.open({ file, key, clock });
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
    // A power cut: the store was never closed cleanly, and a page was torn.
    forgetCleanClose(file);
    const pages = corruptPage(file, 40);
    expect(pages).toBeGreaterThan(60);

    const store = KioskStore.open({ file, key });
    expect(store.fullCheckReason).toMatch(/stopped unexpectedly/);
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

  it('is found by the daily check when a flash cell failed while the kiosk was off', () => {
    const file = join(dir, 'store.sqlite');
    const clock = new ManualClock();
    filled(file, 200, clock);
    // The bytes change, not the file's size, inode or times: no write went through the filesystem.
    const { mtimeNs } = statSync(file, { bigint: true });
    corruptPage(file, 30);
    // Restored to the nanosecond with touch: utimes takes seconds as a float, which can land under the
    // millisecond the clean close recorded (CI saw it).
    const ns = 1_000_000_000n;
    execFileSync('touch', ['-m', '-d', `@${mtimeNs / ns}.${String(mtimeNs % ns).padStart(9, '0')}`, file]);
    // The same day, nothing tells the kiosk to look (the damaged page holds delivered history).
    const unaware = KioskStore.open({ file, key, clock });
    expect(unaware.fullCheckReason).toBeNull();
    unaware.close();
    clock.advance(FULL_CHECK_EVERY_MS);
    const store = KioskStore.open({ file, key, clock });
    expect(store.fullCheckReason).toBe('the daily check is due');
    expect(store.quarantine).not.toBeNull();
    store.close();
  });
});

describe('when the whole file is checked at open', () => {
  it('skips the check after a clean close the same day, and checks a file changed while closed or after a crash', () => {
    const file = join(dir, 'store.sqlite');
    const clock = new ManualClock();
    const open = () => KioskStore.open({ file, key, clock });
    const first = open();
    // A new file has nothing to check.
    expect(first.fullCheckReason).toBeNull();
    first.close();
    clock.advance(FULL_CHECK_EVERY_MS - 1);
    const second = open();
    expect(second.fullCheckReason).toBeNull();
    second.close();
    // Its last check is still the first open's: a day after it, the check is due.
    clock.advance(1);
    const third = open();
    expect(third.fullCheckReason).toBe('the daily check is due');
    third.close();
    const later = statSync(file).mtime.getTime() / 1000 + 60;
    utimesSync(file, later, later);
    const fourth = open();
    expect(fourth.fullCheckReason).toBe('the file changed while the store was closed');
    // Open and never closed (the process died): the next open checks.
    const fifth = open();
    expect(fifth.fullCheckReason).toMatch(/stopped unexpectedly/);
    fifth.close();
    fourth.close();
  });
});
