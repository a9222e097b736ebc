import { assign } from 'xstate';
import type { FlowOutcome } from '../../common/records/session-outcome';
import { createLogger } from '../../common/util/logger';
import type { FlowDelays } from './delays';
import type { FlowContext, FlowEvent } from './flow-context';
import type { FlowPorts } from './ports';

/**
 * The flow's one logger. It records event types and store failures by name, never payloads: the
 * events carry identities and readings.
 */
export const flowLog = createLogger('kiosk:main:flow');

/** Notified when a session opens and closes (the pharmacist's counters); never carries patient data. */
export interface SessionEvents {
  opened(sessionId: string): void;
  /** `sessionId` is null for an emergency stop before identification (no session was stored). */
  closed(summary: { sessionId: string | null; outcome: FlowOutcome; assisted: boolean }): void;
}

/** What the machine's actions use: its ports and delays, and two helpers over them. */
export interface FlowDeps {
  ports: FlowPorts;
  delays: FlowDelays;
  sessionEvents: SessionEvents | undefined;
  /** The injected clock's time, ISO 8601. */
  at(): string;
  /** Runs a store write; false (and an error log naming the write) when it failed. */
  store(what: string, write: () => void): boolean;
}

export function flowDeps(ports: FlowPorts, delays: FlowDelays, sessionEvents?: SessionEvents): FlowDeps {
  return {
    ports,
    delays,
    sessionEvents,
    at: () => new Date(ports.clock.now()).toISOString(),
    store: (what, write) => {
      try {
        write();
        return true;
      } catch (error) {
        flowLog.error(`store ${what} failed: ${error instanceof Error ? error.name : 'unknown'}`);
        return false;
      }
    },
  };
}

/** `assign` typed for this machine, for actions written outside its `setup` call. */
export const flowAssign = assign<FlowContext, FlowEvent, undefined, FlowEvent, never>;

/** The same, for actions that take parameters from the state config. */
export function flowAssignWith<TParams extends Record<string, unknown>>(
  assignment: Parameters<typeof assign<FlowContext, FlowEvent, TParams, FlowEvent, never>>[0],
) {
  return assign<FlowContext, FlowEvent, TParams, FlowEvent, never>(assignment);
}

/** The arguments a plain (non-assign) action of this machine receives. */
export interface FlowActionArgs {
  context: FlowContext;
  event: FlowEvent;
}
