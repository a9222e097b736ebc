import type Database from 'better-sqlite3-multiple-ciphers';
import { entryHash, GENESIS_HASH, verifyChain, type ChainVerdict } from './access-chain';
import { actorId, type AccessAttempt, type AccessEntry } from './access-entry';
import { accessEntryOf, type AccessRow } from './access-row';

/** Which entries an operator asks for; every field narrows, none means all. */
export interface AccessQuery {
  doctorId?: string;
  consultationId?: string;
  /** ms since the epoch, inclusive. */
  since?: number;
  /** ms since the epoch, exclusive. */
  until?: number;
}

/**
 * The access log in the records database (encrypted with it). It offers `append`, `query` and
 * `verify` and nothing that changes or removes an entry; the table's triggers refuse both too.
 */
export class AccessLog {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      last: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO access_log (seq, at_ms, actor_kind, actor_id, action, resource, resource_id, consultation_id,
           outcome, reason, remote_address, prev_hash, hash)
         VALUES (@seq, @at, @actorKind, @actorId, @action, @resource, @resourceId, @consultationId,
           @outcome, @reason, @remoteAddress, @prevHash, @hash)`,
      ),
    };
  }

  /**
   * Appends one attempt, chained to the last entry. Under SQLite's write lock (an immediate
   * transaction), so two writers (connections, processes) never chain to the same entry. Throws when
   * the database refuses the write: a read must then not be served unlogged.
   */
  append(attempt: AccessAttempt): AccessEntry {
    const write = this.db.transaction(() => {
      const last = this.statements.last.get();
      const unhashed = { ...attempt, seq: (last?.seq ?? 0) + 1, at: this.now(), prevHash: last?.hash ?? GENESIS_HASH };
      const entry: AccessEntry = { ...unhashed, hash: entryHash(unhashed) };
      const { actor, ...fields } = entry;
      this.statements.insert.run({ ...fields, actorKind: actor.kind, actorId: actorId(actor) });
      return entry;
    });
    return write.immediate();
  }

  /** The entries of a doctor, a consultation and/or a time range, oldest first. */
  query(filter: AccessQuery = {}): AccessEntry[] {
    const rows = this.db
      .prepare<[Record<string, string | number | null>], AccessRow>(
        `SELECT * FROM access_log
         WHERE (@doctor IS NULL OR (actor_kind = 'doctor' AND actor_id = @doctor))
           AND (@consultation IS NULL OR consultation_id = @consultation)
           AND (@since IS NULL OR at_ms >= @since)
           AND (@until IS NULL OR at_ms < @until)
         ORDER BY seq`,
      )
      .all({
        doctor: filter.doctorId ?? null,
        consultation: filter.consultationId ?? null,
        since: filter.since ?? null,
        until: filter.until ?? null,
      });
    return rows.map(accessEntryOf);
  }

  /** Recomputes the whole chain and names the first entry edited, removed or unlinked. */
  verify(): ChainVerdict {
    // Read before iterating: better-sqlite3 runs no other statement while an iterator is open.
    const highest =
      this.db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'access_log'").get()?.seq ?? 0;
    const rows = this.db.prepare<[], AccessRow>('SELECT * FROM access_log ORDER BY seq').iterate();
    function* entries() {
      for (const row of rows) yield accessEntryOf(row);
    }
    return verifyChain(entries(), highest);
  }
}
