import type { PgMigration } from './index';

/**
 * The call node's fence (server/cluster/call-fence.ts): the highest epoch of the call node's lease
 * that wrote the queue. One row; a queue write whose epoch is lower is refused, so a node paused past
 * its lease cannot overwrite the queue of the node that took over. SQLite has no such row: it serves
 * one node, the only one that ever writes its file.
 */
export const migration0018: PgMigration = {
  version: 18,
  name: 'call-node-fence',
  sql: `
    CREATE TABLE call_node_fence (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      epoch BIGINT NOT NULL CHECK (epoch >= 0)
    );
    INSERT INTO call_node_fence (id, epoch) VALUES (1, 0);
  `,
};
