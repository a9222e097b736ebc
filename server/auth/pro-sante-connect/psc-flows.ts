import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../../common/util/clock';
import type { DoctorSession } from '../doctor-sessions';
import type { PscChecks } from './psc-client';

/** A sign-in sent to the provider, or back from it with a session the console has yet to collect. */
type Flow =
  | { stage: 'at-provider'; checks: PscChecks; expiresAt: number }
  | { stage: 'signed-in'; session: DoctorSession; expiresAt: number };

export interface PscFlowLimits {
  /** How long a doctor may take at the provider (card PIN, e-CPS on the phone). */
  atProviderMs: number;
  /** How long the console has to collect the session once back (one page load). */
  handOffMs: number;
  /** Flows kept at once; past it the oldest is dropped (memory stays bounded under a flood of starts). */
  max: number;
}

export const DEFAULT_PSC_FLOW_LIMITS: PscFlowLimits = { atProviderMs: 10 * 60_000, handOffMs: 2 * 60_000, max: 10_000 };

/**
 * The Pro Santé Connect sign-ins under way, each known by a random id the browser holds in a cookie,
 * so an answer is only taken from the browser that started it (no login CSRF). Each stage is used
 * once: the callback takes the checks, the console takes the session. In memory on this node, like
 * the sessions themselves (server/auth/doctor-sessions.ts).
 */
export class PscFlows {
  private readonly flows = new Map<string, Flow>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly limits: PscFlowLimits = DEFAULT_PSC_FLOW_LIMITS,
  ) {}

  /** A new flow at the provider; its id goes into the browser's cookie. */
  open(checks: PscChecks): string {
    this.purge();
    while (this.flows.size >= this.limits.max) this.flows.delete(this.flows.keys().next().value!);
    const id = randomBytes(24).toString('base64url');
    this.flows.set(id, { stage: 'at-provider', checks, expiresAt: this.clock.now() + this.limits.atProviderMs });
    return id;
  }

  /** The checks of a flow at the provider, once; null when unknown, expired or already answered. */
  takeChecks(id: string | undefined): PscChecks | null {
    const flow = this.take(id);
    return flow?.stage === 'at-provider' ? flow.checks : null;
  }

  /** The flow ended with a session, for the console to collect. */
  signedIn(id: string, session: DoctorSession): void {
    this.flows.set(id, { stage: 'signed-in', session, expiresAt: this.clock.now() + this.limits.handOffMs });
  }

  /** The session of a signed-in flow, once; null otherwise. */
  takeSession(id: string | undefined): DoctorSession | null {
    const flow = this.take(id);
    return flow?.stage === 'signed-in' ? flow.session : null;
  }

  get size(): number {
    return this.flows.size;
  }

  private take(id: string | undefined): Flow | null {
    if (!id) return null;
    const flow = this.flows.get(id);
    this.flows.delete(id);
    return flow && flow.expiresAt > this.clock.now() ? flow : null;
  }

  private purge() {
    const now = this.clock.now();
    for (const [id, flow] of this.flows) if (flow.expiresAt <= now) this.flows.delete(id);
  }
}
