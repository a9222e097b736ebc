import type { AccessActor, AccessEntry } from './access-entry';

/**
 * An access-log row as both engines return it: the same columns (records migration 0007, PostgreSQL
 * 0005); PostgreSQL gives its BIGINT numbers as strings.
 */
export interface AccessRow {
  seq: number | string;
  at_ms: number | string;
  actor_kind: AccessActor['kind'];
  actor_id: string | null;
  action: AccessEntry['action'];
  resource: AccessEntry['resource'];
  resource_id: string;
  consultation_id: string | null;
  outcome: AccessEntry['outcome'];
  reason: string | null;
  remote_address: string;
  prev_hash: string;
  hash: string;
}

export function accessEntryOf(row: AccessRow): AccessEntry {
  const kind = row.actor_kind;
  const actor: AccessActor = kind === 'anonymous' || kind === 'qr-code' ? { kind } : { kind, id: row.actor_id ?? '' };
  return {
    seq: Number(row.seq),
    at: Number(row.at_ms),
    actor,
    action: row.action,
    resource: row.resource,
    resourceId: row.resource_id,
    consultationId: row.consultation_id,
    outcome: row.outcome,
    reason: row.reason,
    remoteAddress: row.remote_address,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
