import { describe, expect, it } from 'vitest';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../records/records-database';
import { ConsultationAccess } from './consultation-access';

function access() {
  let now = 1_000;
  const a = new ConsultationAccess(openRecordsDatabase(IN_MEMORY_RECORDS), () => now);
  a.recordParticipation({ consultationId: 'c-1', sessionId: 's-1', kioskId: 'k-1', doctorId: 'dr-a', at: 500 });
  return { a, later: (ms: number) => (now += ms) };
}

describe('consultation access', () => {
  it('lets the doctor who took part read the consultation, by its id or by its session; no one else', () => {
    const { a } = access();
    expect(a.decide('dr-a', { consultationId: 'c-1' })).toEqual({
      allowed: true,
      consultationId: 'c-1',
      via: 'participant',
    });
    expect(a.decide('dr-a', { sessionId: 's-1' })).toEqual({
      allowed: true,
      consultationId: 'c-1',
      via: 'participant',
    });
    expect(a.decide('dr-b', { consultationId: 'c-1' })).toEqual({
      allowed: false,
      consultationId: 'c-1',
      reason: 'not-a-participant',
    });
    expect(a.decide('dr-b', { sessionId: 's-1' })).toMatchObject({ allowed: false, consultationId: 'c-1' });
    // Unknown consultation or session: refused the same way, with no consultation to name.
    expect(a.decide('dr-a', { consultationId: 'c-9' })).toMatchObject({ allowed: false, consultationId: null });
    expect(a.decide('dr-a', { sessionId: 's-9' })).toMatchObject({ allowed: false, consultationId: null });
    expect(a.tookPart('dr-a', 'c-1')).toBe(true);
    expect(a.consultationOfSession('s-1')).toBe('c-1');
    // A replayed participation changes nothing.
    a.recordParticipation({ consultationId: 'c-1', sessionId: 's-1', kioskId: 'k-1', doctorId: 'dr-a', at: 900 });
    expect(a.decide('dr-a', { sessionId: 's-1' })).toMatchObject({ allowed: true });
  });

  it('lets a colleague read it once shared, keeping who shared it and when, and the first share', () => {
    const { a, later } = access();
    later(5_000);
    expect(a.share('c-1', 'dr-b', 'dr-a')).toEqual({
      consultationId: 'c-1',
      doctorId: 'dr-b',
      sharedBy: 'dr-a',
      sharedAt: 6_000,
    });
    expect(a.decide('dr-b', { consultationId: 'c-1' })).toEqual({ allowed: true, consultationId: 'c-1', via: 'share' });
    expect(a.decide('dr-b', { sessionId: 's-1' })).toEqual({ allowed: true, consultationId: 'c-1', via: 'share' });
    // A share is not taking part: the colleague cannot pass it on (the route checks tookPart).
    expect(a.tookPart('dr-b', 'c-1')).toBe(false);
    later(1_000);
    expect(a.share('c-1', 'dr-b', 'dr-a').sharedAt).toBe(6_000);
    expect(a.decide('dr-c', { consultationId: 'c-1' }).allowed).toBe(false);
  });

  it('reads a session with two consultations through the one this doctor may read', () => {
    const { a } = access();
    a.recordParticipation({ consultationId: 'c-2', sessionId: 's-1', kioskId: 'k-1', doctorId: 'dr-b', at: 800 });
    expect(a.decide('dr-b', { sessionId: 's-1' })).toEqual({
      allowed: true,
      consultationId: 'c-2',
      via: 'participant',
    });
    expect(a.decide('dr-c', { sessionId: 's-1' })).toMatchObject({ allowed: false, consultationId: 'c-1' });
  });
});
