import { createLogger } from '../../common/util/logger';
import { watchDatabase, type DatabaseWatch } from '../platform-database-health';
import { RedisLeadership, soloLeadership, type CallLeadership } from './call-leadership';
import { InProcessBus, type ClusterBus } from './cluster-bus';
import type { MediaNodeLoad } from './media-nodes';
import { RedisBus } from './redis-bus';
import { SignalRelay, type SocketHost } from './signal-relay';

const log = createLogger('platform:cluster');

export interface ClusterOptions {
  /** PLATFORM_REDIS_URL: several nodes share the bus and the call node's lease; absent: one node. */
  redisUrl?: string | null;
  /** PLATFORM_NODE_ID (cluster-bus.ts nodeIdFrom); default a random one. */
  nodeId?: string;
  /** PLATFORM_DATABASE_URL, watched while running (a node without its database takes no new calls). */
  databaseUrl?: string | null;
  /** Stops the process: this node lost the calls to another one (call-leadership.ts). */
  onDeposed?: () => void;
}

/** What the health endpoint says of the node in its cluster. */
export interface ClusterHealth {
  node: string;
  callNode: string | null;
  /** Whether this node takes new calls; when not, why (no patient data). */
  accepting: boolean;
  reason: string | null;
  nodes: string[];
  /** Live media nodes and the rooms on each of their workers; null for a single node (its own workers). */
  media: MediaNodeLoad[] | null;
}

/**
 * This node in its cluster: the bus, the lease of the call node, the relay of sockets, and the
 * watch on the shared database (platform-database-health.ts). One node without Redis: an in-process
 * bus and always the call node.
 */
export class ClusterNode {
  private relay: SignalRelay | null = null;
  /** The queue is restored here (this node holds the calls and its journal started). */
  private restored = false;
  /** The node as a media node of the cluster (cluster-media.ts), stopped before the bus closes. */
  private media: { nodes: { live(): MediaNodeLoad[] }; close(): void } | null = null;

  private constructor(
    readonly bus: ClusterBus,
    readonly leadership: CallLeadership,
    /** The database's health, for /healthz and for whether this node takes new calls. */
    readonly database: DatabaseWatch,
  ) {}

  /** Opens the bus and the lease: an unreachable Redis rejects with a clear error, before anything listens. */
  static async open(options: ClusterOptions, secret: Buffer): Promise<ClusterNode> {
    const nodeId = options.nodeId ?? `node-${process.pid}`;
    const database = watchDatabase(options.databaseUrl);
    if (!options.redisUrl) return new ClusterNode(new InProcessBus(nodeId, secret), soloLeadership(nodeId), database);
    const stop = options.onDeposed ?? (() => process.exit(75));
    try {
      const bus = await RedisBus.open(options.redisUrl, nodeId, secret);
      const leadership = await RedisLeadership.open(options.redisUrl, nodeId, stop).catch(async (error: unknown) => {
        await bus.close();
        throw error;
      });
      return new ClusterNode(bus, leadership, database);
    } catch (error) {
      await database.stop();
      throw error;
    }
  }

  get isCallNode(): boolean {
    return this.leadership.leader() === this.bus.nodeId;
  }

  /** Runs `start` once this node holds the calls: now if it does, else when it takes them over. */
  async whenCallNode(start: () => Promise<unknown>): Promise<void> {
    if (this.isCallNode) {
      await start();
      this.restored = true;
      return;
    }
    let started = false;
    this.leadership.onChange((leader) => {
      if (leader !== this.bus.nodeId || started) return;
      started = true;
      const at = Date.now();
      start().then(
        () => ((this.restored = true), log.info(`calls taken over in ${Date.now() - at} ms`)),
        (error: unknown) => log.error(`calls not taken over: ${(error as Error).message}`),
      );
    });
  }

  /** The relay of sockets to the call node; `host` serves one here (SignalingServer.host). */
  relayWith(host: SocketHost, load: () => Record<string, number>): SignalRelay {
    this.relay = new SignalRelay(this.bus, this.leadership, host, load, () => this.restored);
    return this.relay;
  }

  /** Null when this node takes new calls, else why not (the bus or the database lost). */
  refusal(): string | null {
    const bus = this.bus.health();
    if (!bus.ok) return bus.reason;
    return this.database.refusal();
  }

  health(): ClusterHealth {
    const reason = this.refusal();
    const nodes = this.relay?.liveNodes() ?? [this.bus.nodeId];
    const media = this.media?.nodes.live() ?? null;
    return {
      node: this.bus.nodeId,
      callNode: this.leadership.leader(),
      accepting: reason === null,
      reason,
      nodes,
      media,
    };
  }

  attachMedia(media: { nodes: { live(): MediaNodeLoad[] }; close(): void }): void {
    this.media = media;
  }

  async close(): Promise<void> {
    this.media?.close();
    await this.database.stop();
    this.relay?.close();
    await this.leadership.close();
    await this.bus.close();
  }
}
