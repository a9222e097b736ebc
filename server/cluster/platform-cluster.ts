import { randomBytes } from 'node:crypto';
import type { HttpApp } from '../../http/http-server';
import type { MediaNetwork } from '../media/media-network';
import { iceServersFor, type TurnConfig } from '../media/turn-credentials';
import type { WorkerPool } from '../media/worker-pool';
import { SignalingServer, type SignalingDeps } from '../signaling/signaling-server';
import type { Clock } from '../../common/util/clock';
import type { EpochQueueStore } from './call-fence';
import { ClusterNode } from './cluster-node';
import { ConsultationRooms, type ConsultationRoomsOptions } from '../calls/consultation-rooms';
import type { RoomOpener } from '../calls/queue-journal';
import { createLogger } from '../../common/util/logger';

const log = createLogger('platform:cluster');

/** Where a consultation's room is opened: the worker pool, the media addresses, the TURN servers. */
export type RoomMedia = Pick<ConsultationRoomsOptions, 'createRouter' | 'network' | 'iceServers' | 'onMeasurement'>;

/**
 * This node's room media: routers from its worker pool, its media addresses, TURN credentials
 * named after the consultation and the side only (coturn logs the username).
 */
export function poolRoomMedia(pool: WorkerPool, network: MediaNetwork, turn: TurnConfig | null): RoomMedia {
  return {
    createRouter: () => pool.createRouter(),
    network,
    iceServers: (peer, consultationId) => iceServersFor(turn, `${consultationId}-${peer}`),
  };
}

/**
 * Rooms for the calls a dead node held, opened when this node takes the calls over
 * (QueueJournal.start): the kiosk and the doctor negotiate their media anew in it.
 */
export function resumedCallRooms(media: RoomMedia): RoomOpener {
  const rooms = new ConsultationRooms({
    ...media,
    // Its worker died too and no other opened a room: the sides see the media fail and rejoin.
    onRoomLost: (c) => log.error(`consultation ${c.id}: the resumed call lost its room`),
  });
  return (c) => rooms.open(c);
}

/** What of the platform's options the cluster reads (server/platform.ts PlatformOptions). */
interface ClusterPlatformOptions {
  redisUrl?: string | null;
  nodeId?: string;
  databaseUrl?: string | null;
  dataKey?: Buffer | null;
}

/**
 * The node in its cluster. The bus is keyed from the platform's data key, the same on every node
 * (they share the database sealed under it); a single node without one (tests) uses a random key.
 * The queue's store fences the call node's writes (call-fence.ts).
 */
export function openClusterNode(
  options: ClusterPlatformOptions,
  databaseKey: Buffer | null,
  queue: EpochQueueStore,
): Promise<ClusterNode> {
  const secret = options.dataKey ?? databaseKey;
  if (options.redisUrl && !secret)
    throw new Error('PLATFORM_REDIS_URL: the cross-node bus is signed with the platform data key, which is missing');
  return ClusterNode.open(
    { redisUrl: options.redisUrl, nodeId: options.nodeId, databaseUrl: options.databaseUrl },
    secret ?? randomBytes(32),
    queue,
  );
}

/**
 * The signalling WebSocket: sockets this node does not serve (another node holds the calls) are
 * relayed to it; sockets relayed here by the others are served as this node's own.
 */
export async function openSignaling(
  app: HttpApp,
  deps: SignalingDeps,
  options: { clock?: Clock; maxUnauthenticatedPerAddress?: number },
  cluster: ClusterNode,
  pool: WorkerPool,
): Promise<SignalingServer> {
  let relay: ReturnType<ClusterNode['relayWith']> | null = null;
  const signaling = new SignalingServer(
    { ...deps, admission: () => cluster.refusal() },
    {
      clock: options.clock,
      maxUnauthenticatedPerAddress: options.maxUnauthenticatedPerAddress,
      relay: { take: (ws, address) => relay?.take(ws, address) ?? false },
    },
  );
  relay = cluster.relayWith(
    (port, address) => signaling.host(port, address),
    // The node's load as the others hear it: rooms per worker included (placement is per node today).
    () => ({ workers: pool.size, rooms: pool.load().reduce((a, b) => a + b, 0), ...deps.calls.stats() }),
  );
  await signaling.attach(app);
  return signaling;
}
