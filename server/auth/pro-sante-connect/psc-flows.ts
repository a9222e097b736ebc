import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../../common/util/clock';
import type { DoctorSession } from '../doctor-sessions';
import type { PscChecks } from './psc-client';

/** A sign-in sent to the provider, or back from it with a session the console has yet to collect. */
export type PscFlow =
  | { stage: 'at-provider'; checks: PscChecks; expiresAt: number }
  | { stage: 'signed-in'; session: DoctorSession; expiresAt: number };

/**
 * Where the flows wait between the redirect and the callback, and the callback and the console:
 * this node's memory (one node), or Redis shared by every node (psc-flow-store-redis.ts), so a
 * callback that lands on another node, or on this one restarted, completes.
 */
export interface PscFlowStore {
  /** Keeps `flow` under `id` for `ttlMs` (a later put replaces it: the next stage). */
  put(id: string, flow: PscFlow, ttlMs: number): Promise<void>;
  /** The flow, removed in the same step (each stage is used once); null when unknown or expired. */
  take(id: string): Promise<PscFlow | null>;
}

export interface PscFlowLimits {
  /** How long a doctor may take at the provider (card PIN, e-CPS on the phone). */
  atProviderMs: number;
  /** How long the console has to collect the session once back (one page load). */
  handOffMs: number;
  /** Flows kept at once in memory; past it the oldest is dropped (memory stays bounded under a flood of starts). */
  max: number;
}

export const DEFAULT_PSC_FLOW_LIMITS: PscFlowLimits = { atProviderMs: 10 * 60_000, handOffMs: 2 * 60_000, max: 10_000 };

/** The flows in this node's memory, at most `max`: enough for one node, lost with its process. */
export class MemoryPscFlowStore implements PscFlowStore {
  private readonly flows = new Map<string, PscFlow>();

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
  ) {}

  put(id: string, flow: PscFlow): Promise<void> {
    const now = this.clock.now();
    for (const [key, kept] of this.flows) if (kept.expiresAt <= now) this.flows.delete(key);
    while (this.flows.size >= this.max) this.flows.delete(this.flows.keys().next().value!);
    this.flows.delete(id);
    this.flows.set(id, flow);
    return Promise.resolve();
  }

  take(id: string): Promise<PscFlow | null> {
    const flow = this.flows.get(id) ?? null;
    this.flows.delete(id);
    return Promise.resolve(flow);
  }

  get size(): number {
    return this.flows.size;
  }
}

/**
 * The Pro Santé Connect sign-ins under way, each known by a random id the browser holds in a cookie,
 * so an answer is only taken from the browser that started it (no login CSRF). Each stage is used
 * once: the callback takes the checks, the console takes the session. Kept in `store`: this node's
 * memory by default, Redis on a cluster (server/auth/shared-auth-state.ts).
 */
export class PscFlows {
  private readonly store: PscFlowStore;

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly limits: PscFlowLimits = DEFAULT_PSC_FLOW_LIMITS,
    store: PscFlowStore | null = null,
  ) {
    this.store = store ?? new MemoryPscFlowStore(clock, limits.max);
  }

  /** A new flow at the provider; its id goes into the browser's cookie. */
  async open(checks: PscChecks): Promise<string> {
    const id = randomBytes(24).toString('base64url');
    const ttl = this.limits.atProviderMs;
    await this.store.put(id, { stage: 'at-provider', checks, expiresAt: this.clock.now() + ttl }, ttl);
    return id;
  }

  /** The checks of a flow at the provider, once; null when unknown, expired or already answered. */
  async takeChecks(id: string | undefined): Promise<PscChecks | null> {
    const flow = await this.take(id);
    return flow?.stage === 'at-provider' ? flow.checks : null;
  }

  /** The flow ended with a session, for the console to collect. */
  async signedIn(id: string, session: DoctorSession): Promise<void> {
    const ttl = this.limits.handOffMs;
    await this.store.put(id, { stage: 'signed-in', session, expiresAt: this.clock.now() + ttl }, ttl);
  }

  /** The session of a signed-in flow, once; null otherwise. */
  async takeSession(id: string | undefined): Promise<DoctorSession | null> {
    const flow = await this.take(id);
    return flow?.stage === 'signed-in' ? flow.session : null;
  }

  private async take(id: string | undefined): Promise<PscFlow | null> {
    if (!id) return null;
    const flow = await this.store.take(id);
    return flow && flow.expiresAt > this.clock.now() ? flow : null;
  }
}
