import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/util/testing/manual-clock';
import { DoctorSessions } from '../doctor-sessions';
import { PscFlows } from './psc-flows';
import { memoryAuthStores } from '../testing/memory-auth-stores';

const checks = (n: number) => ({ state: `state-${n}`, nonce: `nonce-${n}`, codeVerifier: `verifier-${n}` });
const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };

describe('Pro Santé Connect flows', () => {
  it('gives each stage once: the checks to the callback, then the session to the console', async () => {
    const flows = new PscFlows(new ManualClock());
    const id = flows.open(checks(1));
    expect(id).toMatch(/^[\w-]{32}$/);
    expect(flows.takeSession(id)).toBeNull();
    // Asking for the session at the wrong stage spent the flow: an answer cannot be tried twice.
    expect(flows.takeChecks(id)).toBeNull();

    const other = flows.open(checks(2));
    expect(flows.takeChecks(other)).toEqual(checks(2));
    expect(flows.takeChecks(other)).toBeNull();
    const session = await new DoctorSessions(memoryAuthStores().sessions).create(doctor);
    flows.signedIn(other, session);
    expect(flows.takeSession(other)).toBe(session);
    expect(flows.takeSession(other)).toBeNull();
    expect(flows.takeChecks(undefined)).toBeNull();
  });

  it('forgets a flow left at the provider past 10 minutes, and a session not collected within 2', async () => {
    const clock = new ManualClock();
    const flows = new PscFlows(clock);
    const late = flows.open(checks(1));
    const onTime = flows.open(checks(2));
    clock.advance(9 * 60_000);
    expect(flows.takeChecks(onTime)).toEqual(checks(2));
    clock.advance(60_000);
    expect(flows.takeChecks(late)).toBeNull();
    flows.signedIn(onTime, await new DoctorSessions(memoryAuthStores().sessions, clock).create(doctor));
    clock.advance(2 * 60_000);
    expect(flows.takeSession(onTime)).toBeNull();
  });

  it('keeps at most `max` flows, dropping the oldest (a flood of starts cannot grow memory)', () => {
    const flows = new PscFlows(new ManualClock(), { atProviderMs: 60_000, handOffMs: 60_000, max: 3 });
    const ids = [1, 2, 3, 4].map((n) => flows.open(checks(n)));
    expect(flows.size).toBe(3);
    expect(flows.takeChecks(ids[0])).toBeNull();
    expect(flows.takeChecks(ids[3])).toEqual(checks(4));
  });
});
