import { createHash } from 'node:crypto';
import { actorId, type AccessEntry } from './access-entry';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 of the previous entry's hash and every field of this one (its number included, so a row
 * cannot be moved), as a JSON array: a change to any field, or to the order, changes the hash and
 * breaks the link to the next entry.
 */
export function entryHash(entry: Omit<AccessEntry, 'hash'>): string {
  const fields = [
    entry.seq,
    entry.at,
    entry.actor.kind,
    actorId(entry.actor),
    entry.action,
    entry.resource,
    entry.resourceId,
    entry.consultationId,
    entry.outcome,
    entry.reason,
    entry.remoteAddress,
  ];
  return createHash('sha256')
    .update(`${entry.prevHash}\n${JSON.stringify(fields)}`)
    .digest('hex');
}

/** What a verification found: the chain whole (with its head), or the first entry that breaks it. */
export type ChainVerdict =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; seq: number; problem: string };

/**
 * Walks the entries in order and names the first one that does not hold: its content changed (the
 * hash no longer matches), entries missing before it (a gap in the numbers), or its link to the
 * previous entry broken (that one rewritten with a new hash). `highestSeq` is the highest number the
 * log ever gave (SQLite's sqlite_sequence): above the last entry, the last ones were removed.
 */
export function verifyChain(entries: Iterable<AccessEntry>, highestSeq: number): ChainVerdict {
  let previous: AccessEntry | null = null;
  let count = 0;
  for (const entry of entries) {
    count++;
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq)
      return {
        ok: false,
        entries: count,
        seq: entry.seq,
        problem: `entry #${expectedSeq}${entry.seq - 1 > expectedSeq ? `…#${entry.seq - 1}` : ''} removed: entry #${entry.seq} follows #${previous?.seq ?? 'none'}`,
      };
    if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH))
      return {
        ok: false,
        entries: count,
        seq: entry.seq,
        problem: `entry #${entry.seq} does not link to entry #${previous?.seq ?? 'none'}: that one was rewritten`,
      };
    if (entryHash(entry) !== entry.hash)
      return {
        ok: false,
        entries: count,
        seq: entry.seq,
        problem: `entry #${entry.seq} was changed: its content does not match its hash`,
      };
    previous = entry;
  }
  const last = previous?.seq ?? 0;
  if (highestSeq > last)
    return {
      ok: false,
      entries: count,
      seq: last + 1,
      problem: `entries #${last + 1}…#${highestSeq} removed from the end of the log`,
    };
  return { ok: true, entries: count, head: previous ? { seq: previous.seq, hash: previous.hash } : null };
}
