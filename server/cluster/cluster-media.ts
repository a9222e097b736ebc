import { createLogger } from '../../common/util/logger';
import { Room, type MediaRoom, type RoomEvents } from '../calls/room';
import type { MediaNetwork } from '../media/media-network';
import { iceServersFor, type TurnConfig } from '../media/turn-credentials';
import type { WorkerPool } from '../media/worker-pool';
import { InProcessBus, type ClusterBus } from './cluster-bus';
import type { ClusterNode } from './cluster-node';
import { isHostFrame, MediaHost, type LocalRoomOpener } from './media-host';
import { leastLoadedNode, MediaNodes } from './media-nodes';
import { MEDIA_PLACE_FRESH_MS, MEDIA_TOPIC, MediaFrame, parseMedia } from './media-rpc';
import { MediaClient } from './remote-room';
import { poolRoomMedia, type RoomMedia } from './platform-cluster';

const log = createLogger('platform:media-placement');

/**
 * A room on this node's workers: its least-loaded worker's router, this node's media addresses
 * (what its transports announce) and TURN credentials named after the consultation and the side.
 */
export function localRoomOpener(pool: WorkerPool, network: MediaNetwork, turn: TurnConfig | null): LocalRoomOpener {
  return async (consultationId, events, prepared) =>
    new Room(await pool.createRouter(), {
      prepared,
      network,
      iceServers: (role) => iceServersFor(turn, `${consultationId}-${role}`),
      ...events,
    });
}

/** This node's part in the cluster's media: its load told, rooms hosted for others, rooms placed. */
export interface ClusterMedia {
  nodes: MediaNodes;
  host: MediaHost;
  client: MediaClient;
  /** Opens a consultation's room on the least-loaded live node (ConsultationRoomsOptions.placeRoom). */
  placeRoom(consultationId: string, events: RoomEvents, prepared: boolean): Promise<MediaRoom>;
  close(): void;
}

/**
 * Starts this node as a media node of the cluster. Every node is one: it tells its load, hosts the
 * rooms the call node places on it, and (when it holds the calls) places rooms. A room that cannot
 * be opened where it was placed (the node refused or did not answer) is opened here.
 */
export function startClusterMedia(bus: ClusterBus, pool: Pick<WorkerPool, 'load'>, openLocal: LocalRoomOpener) {
  const nodes = new MediaNodes(bus, () => pool.load());
  const host = new MediaHost(bus, openLocal, nodes);
  const client = new MediaClient(bus, nodes);
  const unsubscribe = bus.subscribe(MEDIA_TOPIC, ({ from, payload }) => {
    // Every node hears every frame: only those for this one are checked and handled.
    if ((payload as { to?: unknown } | null)?.to !== bus.nodeId) return;
    const frame = parseMedia(MediaFrame, payload, from);
    if (!frame) return refuseAtOnce(bus, from, payload);
    if (isHostFrame(frame)) host.onFrame(from, frame);
    else client.onFrame(from, frame);
  });
  const placeRoom = async (consultationId: string, events: RoomEvents, prepared: boolean): Promise<MediaRoom> => {
    // Off the bus, no other node can be reached (and this one takes no new calls: cluster-node.ts).
    const node = bus.health().ok ? leastLoadedNode(nodes.live(MEDIA_PLACE_FRESH_MS), bus.nodeId) : bus.nodeId;
    if (node === bus.nodeId) return openLocal(consultationId, events, prepared);
    nodes.placed(node);
    try {
      const room = await client.open(node, consultationId, events, prepared);
      log.info(`room placed on media node ${node}`);
      return room;
    } catch (error) {
      log.warn(`media node ${node} did not open the room (${(error as Error).message}): opened here`);
      return openLocal(consultationId, events, prepared);
    }
  };
  const close = () => (unsubscribe(), nodes.close(), host.close());
  return { nodes, host, client, placeRoom, close } satisfies ClusterMedia;
}

/** A request refused by its form is answered so (its sender would otherwise wait for its timeout). */
function refuseAtOnce(bus: ClusterBus, from: string, payload: unknown): void {
  const cid = (payload as { kind?: unknown; cid?: unknown }).cid;
  if ((payload as { kind?: unknown }).kind !== 'request' || typeof cid !== 'string' || cid.length > 64) return;
  const message = 'the media node refused the form of the request';
  void bus.publish(MEDIA_TOPIC, { kind: 'refusal', to: from, cid, code: 'bad-request', message }).catch(() => {});
}

/**
 * The rooms' media of this node. A single node (in-process bus) opens them on its own workers, as
 * it always did; in a cluster, the call node places each on the least-loaded live media node.
 */
export function clusterRoomMedia(
  pool: WorkerPool,
  network: MediaNetwork,
  turn: TurnConfig | null,
  cluster: ClusterNode,
): RoomMedia {
  const media = poolRoomMedia(pool, network, turn);
  if (cluster.bus instanceof InProcessBus) return media;
  const started = startClusterMedia(cluster.bus, pool, localRoomOpener(pool, network, turn));
  cluster.attachMedia(started);
  return { ...media, placeRoom: started.placeRoom };
}
