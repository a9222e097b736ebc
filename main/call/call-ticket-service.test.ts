import { NO_APPOINTMENT } from '../../common/flow/appointment-view';
import { describe, expect, it } from 'vitest';
import type { FlowView } from '../../common/flow/flow-view';
import { callSessionFromFlow, createCallTicketService } from './call-ticket-service';

const SESSION = '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f';
const session = { sessionId: SESSION, ageYears: 42, specialty: 'general-practice' as const, reason: 'Toux' };

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

describe('call ticket service', () => {
  it('exchanges the kiosk credential for a session-bound ticket in the queue of the pharmacy territory', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const service = createCallTicketService({
      platformUrl: 'ws://127.0.0.1:8480/',
      kioskId: 'kiosk-a',
      territory: '2A',
      credential: 'kc1.kiosk-a.n.mac',
      currentSession: () => session,
      fetch: fakeFetch(
        200,
        { signalingUrl: 'ws://127.0.0.1:8480/signal', token: 't'.repeat(20), expiresAt: '2026-01-01T00:00:00Z' },
        seen,
      ),
    });
    const ticket = await service.getCallTicket();
    expect(seen.url).toBe('http://127.0.0.1:8480/api/call-tickets');
    expect((seen.init?.headers as Record<string, string>).authorization).toBe('Bearer kc1.kiosk-a.n.mac');
    expect(JSON.parse(seen.init?.body as string)).toEqual({ sessionId: SESSION });
    expect(ticket).toEqual({
      signalingUrl: 'ws://127.0.0.1:8480/signal',
      token: 't'.repeat(20),
      sessionId: SESSION,
      kioskId: 'kiosk-a',
      queueEntry: { ageYears: 42, specialty: 'general-practice', territory: '2A', reason: 'Toux' },
    });
  });

  it('names what went wrong', async () => {
    const base = { platformUrl: 'http://127.0.0.1:1', kioskId: 'kiosk-a', territory: '75', credential: 'c' };
    await expect(
      createCallTicketService({ ...base, currentSession: () => null }).getCallTicket(),
    ).rejects.toMatchObject({ code: 'no-session' });
    await expect(
      createCallTicketService({ ...base, currentSession: () => session, fetch: fakeFetch(401, {}) }).getCallTicket(),
    ).rejects.toMatchObject({
      code: 'platform-refused',
    });
    await expect(
      createCallTicketService({
        ...base,
        currentSession: () => session,
        fetch: fakeFetch(200, { nope: 1 }),
      }).getCallTicket(),
    ).rejects.toMatchObject({
      code: 'platform-refused',
    });
    const unreachable = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(
      createCallTicketService({ ...base, currentSession: () => session, fetch: unreachable }).getCallTicket(),
    ).rejects.toMatchObject({
      code: 'platform-unreachable',
    });
  });
});

describe('call session from the flow view', () => {
  const view = {
    step: 'waiting',
    sessionId: SESSION,
    identification: { identity: { birthDate: '1984-06-15' } },
    reason: { specialty: 'dermatology', text: 'Grain de beauté' },
    appointment: NO_APPOINTMENT,
  } as unknown as FlowView;

  it('takes the session id, age, specialty and reason once the patient waits', () => {
    expect(callSessionFromFlow(view, new Date('2026-06-14T12:00:00Z'))).toEqual({
      sessionId: SESSION,
      ageYears: 41,
      specialty: 'dermatology',
      reason: 'Grain de beauté',
    });
    expect(callSessionFromFlow({ ...view, step: 'reason' })).toBeNull();
    expect(callSessionFromFlow({ ...view, reason: { specialty: null, text: '' } })).toBeNull();
  });
});
