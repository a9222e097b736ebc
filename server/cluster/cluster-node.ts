import type { QueueStore } from '../calls/queue-journal';
import { createLogger } from '../../common/util/logger';
import { watchDatabase, type DatabaseWatch } from '../platform-database-health';
import { fencedQueueStore, type EpochQueueStore } from './call-fence';
import { RedisLeadership, soloLeadership, type CallLeadership } from './call-leadership';
import { InProcessBus, type ClusterBus } from './cluster-bus';
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
  /**
   * Stops the process: this node lost the calls to another one (call-leadership.ts), or storage
   * refused its epoch (call-fence.ts). Default: exit 75 two seconds later, /healthz saying why meanwhile.
   */
  onDeposed?: (reason: string) => void;
}

/** Time for /healthz to say why before the process ends (a load balancer's check, an operator's look). */
const EXIT_AFTER_DEPOSED_MS = 2_000;

function exitSoon(): void {
  process.exitCode = 75;
  setTimeout(() => process.exit(75), EXIT_AFTER_DEPOSED_MS);
}

/** What the health endpoint says of the node in its cluster. */
export interface ClusterHealth {
  node: string;
  callNode: string | null;
  /** Whether this node takes new calls; when not, why (no patient data). */
  accepting: boolean;
  reason: string | null;
  nodes: string[];
  /** The epoch of this node's reign over the calls (call-fence.ts); 0 when it does not hold them. */
  epoch: number;
  /** Why this node stopped holding the calls (another node took them over, or storage fenced it out). */
  deposed: string | null;
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
  private deposed: string | null = null;
  private stop: (reason: string) => void = exitSoon;

  private constructor(
    readonly bus: ClusterBus,
    readonly leadership: CallLeadership,
    /** The database's health, for /healthz and for whether this node takes new calls. */
    readonly database: DatabaseWatch,
  ) {}

  /**
   * Opens the bus and the lease: an unreachable Redis rejects with a clear error, before anything
   * listens. `fence` is the queue's store: its highest epoch is the floor of this node's (call-fence.ts).
   */
  static async open(
    options: ClusterOptions,
    secret: Buffer,
    fence: Pick<EpochQueueStore, 'highestEpoch'>,
  ): Promise<ClusterNode> {
    const nodeId = options.nodeId ?? `node-${process.pid}`;
    const database = watchDatabase(options.databaseUrl);
    let node: ClusterNode | null = null;
    const deposed = (reason: string) => node?.stepDown(reason);
    try {
      const floor = () => fence.highestEpoch();
      const bus = options.redisUrl ? await RedisBus.open(options.redisUrl, nodeId, secret) : null;
      const leadership = bus
        ? await RedisLeadership.open(options.redisUrl!, nodeId, deposed, floor).catch(async (error: unknown) => {
            await bus.close();
            throw error;
          })
        : soloLeadership(nodeId, (await floor()) + 1);
      node = new ClusterNode(bus ?? new InProcessBus(nodeId, secret), leadership, database);
      if (options.onDeposed) node.stop = options.onDeposed;
      return node;
    } catch (error) {
      await database.stop();
      throw error;
    }
  }

  /**
   * The journal's store fenced with this node's epoch: the first write storage refuses (another node
   * reigns with a newer epoch) makes this node step down at once.
   */
  fencedStore(store: EpochQueueStore): QueueStore {
    return fencedQueueStore(
      store,
      () => this.leadership.epoch(),
      (refusal) => this.stepDown(refusal.message),
    );
  }

  /** This node holds the calls no more: it says why (log, /healthz, no new calls) and stops. */
  private stepDown(reason: string): void {
    if (this.deposed !== null) return;
    this.deposed = reason;
    this.leadership.resign();
    log.error(`this node no longer holds the calls: ${reason}`);
    this.stop(reason);
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
    if (this.deposed !== null) return `this node no longer holds the calls: ${this.deposed}`;
    const bus = this.bus.health();
    if (!bus.ok) return bus.reason;
    return this.database.refusal();
  }

  health(): ClusterHealth {
    const reason = this.refusal();
    const nodes = this.relay?.liveNodes() ?? [this.bus.nodeId];
    const { leadership, deposed } = this;
    const node = this.bus.nodeId;
    return {
      node,
      callNode: leadership.leader(),
      accepting: reason === null,
      reason,
      nodes,
      epoch: leadership.epoch(),
      deposed,
    };
  }

  async close(): Promise<void> {
    await this.database.stop();
    this.relay?.close();
    await this.leadership.close();
    await this.bus.close();
  }
}
