import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import { busKeyFrom, openEnvelope, sealEnvelope } from './bus-envelope';

const log = createLogger('platform:bus');

/** A message delivered to a topic's handlers: its payload and the node that sent it. */
export interface BusMessage<T = unknown> {
  from: string;
  payload: T;
}

/** Whether the bus carries messages now; when not, why (the health endpoint says it). */
export type BusHealth = { ok: true } | { ok: false; reason: string };

/**
 * The platform's cross-node events (queue changes, signalling for a peer on another node, room
 * events): in-process for a single node, Redis pub/sub between nodes (PLATFORM_REDIS_URL). Every
 * message is signed and stamped by its sender; every node, the sender included, receives it.
 */
export interface ClusterBus {
  readonly nodeId: string;
  publish(topic: string, payload: unknown): Promise<void>;
  /** Handlers of a topic; returns the unsubscribe. */
  subscribe<T>(topic: string, handler: (message: BusMessage<T>) => void): () => void;
  health(): BusHealth;
  close(): Promise<void>;
}

/** This node's id: PLATFORM_NODE_ID, or host name and a random suffix (unique per process). */
export function nodeIdFrom(env: NodeJS.ProcessEnv): string {
  const given = env.PLATFORM_NODE_ID?.trim();
  if (given) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(given))
      throw new Error('PLATFORM_NODE_ID: letters, digits, dot, dash or underscore, at most 64');
    return given;
  }
  return `${hostname()}-${randomUUID().slice(0, 8)}`;
}

/**
 * What both implementations share: sealing outgoing messages, and checking, dispatching or
 * refusing incoming ones (a refusal logged with its reason, sender and topic, never the payload).
 */
export abstract class SignedBus implements ClusterBus {
  private readonly key: Buffer;
  private readonly handlers = new Map<string, Set<(message: BusMessage) => void>>();
  private readonly seen = new Map<string, number>();
  /** Refused messages so far (diagnostics, tests). */
  refused = 0;

  constructor(
    readonly nodeId: string,
    secret: Buffer,
    protected readonly clock: Clock = systemClock,
  ) {
    this.key = busKeyFrom(secret);
  }

  protected abstract send(raw: string): Promise<void>;
  abstract health(): BusHealth;
  abstract close(): Promise<void>;

  publish(topic: string, payload: unknown): Promise<void> {
    return this.send(sealEnvelope(this.key, this.nodeId, topic, payload, this.clock.now()));
  }

  subscribe<T>(topic: string, handler: (message: BusMessage<T>) => void): () => void {
    const set = this.handlers.get(topic) ?? new Set();
    this.handlers.set(topic, set);
    set.add(handler as (message: BusMessage) => void);
    return () => set.delete(handler as (message: BusMessage) => void);
  }

  /** One raw message off the wire. */
  protected receive(raw: string): void {
    const opened = openEnvelope(this.key, raw, this.clock.now(), this.seen);
    if (!opened.ok) {
      this.refused++;
      log.warn(`refused a cross-node message (${opened.refusal}) on topic ${opened.topic} from node ${opened.node}`);
      return;
    }
    const { node, topic, payload } = opened.envelope;
    for (const handler of this.handlers.get(topic) ?? []) {
      try {
        handler({ from: node, payload });
      } catch (error) {
        log.error(`handler of topic ${topic} failed: ${(error as Error).message}`);
      }
    }
  }
}

/** A single node: the messages go round in this process (signed all the same: one code path). */
export class InProcessBus extends SignedBus {
  protected send(raw: string): Promise<void> {
    // Asynchronous, as over Redis: a publisher never runs its subscribers inside its own call.
    queueMicrotask(() => this.receive(raw));
    return Promise.resolve();
  }

  health(): BusHealth {
    return { ok: true };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
