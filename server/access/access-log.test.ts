import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../records/records-database';
import { entryHash } from './access-chain';
import type { AccessAttempt } from './access-entry';
import { AccessLog } from './access-log';

const T0 = Date.parse('2026-03-02T10:00:00Z');

function attempt(overrides: Partial<AccessAttempt> = {}): AccessAttempt {
  return {
    actor: { kind: 'doctor', id: 'dr-a' },
    action: 'read',
    resource: 'fhir-export',
    resourceId: 'session-1',
    consultationId: 'c-1',
    outcome: 'allowed',
    reason: null,
    remoteAddress: '127.0.0.1',
    ...overrides,
  };
}

/** A log of five entries a minute apart: A reads c-1, B is refused it, A reads c-2, an anonymous try, B on c-2. */
function filledLog(db: Database.Database = openRecordsDatabase(IN_MEMORY_RECORDS)) {
  let now = T0;
  const log = new AccessLog(db, () => now);
  const tick = (a: AccessAttempt) => {
    log.append(a);
    now += 60_000;
  };
  tick(attempt());
  tick(attempt({ actor: { kind: 'doctor', id: 'dr-b' }, outcome: 'refused', reason: 'not-a-participant' }));
  tick(attempt({ resource: 'report', resourceId: 'c-2', consultationId: 'c-2' }));
  tick(attempt({ actor: { kind: 'anonymous' }, consultationId: null, outcome: 'refused', reason: 'unauthenticated' }));
  tick(
    attempt({
      actor: { kind: 'doctor', id: 'dr-b' },
      resource: 'prescription',
      resourceId: 'RX-2026-000001-7',
      consultationId: 'c-2',
    }),
  );
  return { db, log };
}

/** What an attacker holding the file and its key can do: drop the triggers and change rows with SQL. */
function tamper(db: Database.Database, sql: string) {
  db.exec('DROP TRIGGER IF EXISTS access_log_no_update; DROP TRIGGER IF EXISTS access_log_no_delete;');
  db.exec(sql);
}

describe('access log', () => {
  it('chains each entry to the previous one and finds them by doctor, consultation and time', () => {
    const { log } = filledLog();
    const all = log.query();
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
    for (const entry of all) expect(entryHash(entry)).toBe(entry.hash);
    expect(log.query({ doctorId: 'dr-b' }).map((e) => e.seq)).toEqual([2, 5]);
    expect(log.query({ consultationId: 'c-2' }).map((e) => e.seq)).toEqual([3, 5]);
    expect(log.query({ since: T0 + 60_000, until: T0 + 3 * 60_000 }).map((e) => e.seq)).toEqual([2, 3]);
    expect(log.query({ doctorId: 'dr-b', consultationId: 'c-1' })).toMatchObject([
      { actor: { kind: 'doctor', id: 'dr-b' }, outcome: 'refused', reason: 'not-a-participant', at: T0 + 60_000 },
    ]);
    expect(log.query({ doctorId: 'nobody' })).toEqual([]);
    expect(log.verify()).toEqual({ ok: true, entries: 5, head: { seq: 5, hash: all[4]!.hash } });
  });

  it('offers no way to change or remove an entry, and the database refuses both', () => {
    expect(Object.getOwnPropertyNames(AccessLog.prototype).sort()).toEqual([
      'append',
      'constructor',
      'query',
      'verify',
    ]);
    const { db, log } = filledLog();
    expect(() => db.prepare("UPDATE access_log SET outcome = 'allowed' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM access_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(log.verify().ok).toBe(true);
  });

  it('names the entry whose content was edited with raw SQL', () => {
    const { db, log } = filledLog();
    tamper(db, "UPDATE access_log SET outcome = 'allowed', reason = NULL WHERE seq = 2");
    expect(log.verify()).toEqual({
      ok: false,
      entries: 2,
      seq: 2,
      problem: 'entry #2 was changed: its content does not match its hash',
    });
  });

  it('names a removed entry, one rewritten with a fresh hash, and entries cut off the end', () => {
    const removed = filledLog();
    tamper(removed.db, 'DELETE FROM access_log WHERE seq = 3');
    expect(removed.log.verify()).toMatchObject({ ok: false, seq: 4, problem: 'entry #3 removed: entry #4 follows #2' });

    // A careful forger recomputes the edited row's hash: the next row no longer links to it.
    const rewritten = filledLog();
    const row = rewritten.log.query()[1]!;
    const forged = { ...row, outcome: 'allowed' as const, reason: null };
    tamper(
      rewritten.db,
      `UPDATE access_log SET outcome = 'allowed', reason = NULL, hash = '${entryHash(forged)}' WHERE seq = 2`,
    );
    expect(rewritten.log.verify()).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'entry #3 does not link to entry #2: that one was rewritten',
    });

    const cut = filledLog();
    tamper(cut.db, 'DELETE FROM access_log WHERE seq >= 4');
    expect(cut.log.verify()).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'entries #4…#5 removed from the end of the log',
    });
  });

  it('keeps the chain across connections and restarts of an encrypted file', () => {
    const database = { file: join(mkdtempSync(join(tmpdir(), 'access-log-')), 'records.sqlite'), key: randomBytes(32) };
    const first = openRecordsDatabase(database);
    const second = openRecordsDatabase(database);
    const a = new AccessLog(first);
    const b = new AccessLog(second);
    a.append(attempt());
    b.append(attempt({ actor: { kind: 'doctor', id: 'dr-b' } }));
    a.append(attempt({ actor: { kind: 'kiosk', id: 'kiosk-1' }, resource: 'prescription' }));
    first.close();
    second.close();
    const reopened = new AccessLog(openRecordsDatabase(database));
    expect(reopened.verify()).toMatchObject({ ok: true, entries: 3 });
    expect(reopened.query().map((e) => e.actor)).toEqual([
      { kind: 'doctor', id: 'dr-a' },
      { kind: 'doctor', id: 'dr-b' },
      { kind: 'kiosk', id: 'kiosk-1' },
    ]);
  });
});
