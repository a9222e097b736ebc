import { describe, expect, it } from 'vitest';
import { consentsFromKioskAnswer, withdraw } from './consent-record';

const ANSWER = {
  textVersion: '2026-12',
  teleconsultation: true,
  secondaryUse: false,
  at: '2026-12-06T10:00:00.000Z',
  language: 'es' as const,
  textSha256: 'd'.repeat(64),
};

describe('consent records', () => {
  it('turns the kiosk answer into one record per use, each with the text hash', () => {
    expect(consentsFromKioskAnswer(ANSWER)).toEqual([
      expect.objectContaining({ use: 'teleconsultation', granted: true, language: 'es', textSha256: 'd'.repeat(64) }),
      expect.objectContaining({ use: 'research', granted: false, withdrawnAt: null }),
    ]);
    expect(consentsFromKioskAnswer({ ...ANSWER, teleconsultation: false })).toHaveLength(1);
  });

  it('gives each secondary use its own record with its own text version and hash', () => {
    const uses = [
      { use: 'research' as const, granted: false, textVersion: 'r-es.2', textSha256: 'a'.repeat(64) },
      { use: 'gp-report' as const, granted: true, textVersion: 'g-es.1', textSha256: 'b'.repeat(64) },
      { use: 'reminders' as const, granted: false, textVersion: 'm-es.1', textSha256: 'c'.repeat(64) },
    ];
    expect(consentsFromKioskAnswer({ ...ANSWER, uses })).toEqual([
      expect.objectContaining({ use: 'teleconsultation', granted: true, textSha256: 'd'.repeat(64) }),
      expect.objectContaining({ use: 'research', granted: false, textVersion: 'r-es.2', textSha256: 'a'.repeat(64) }),
      expect.objectContaining({ use: 'gp-report', granted: true, language: 'es', textVersion: 'g-es.1' }),
      expect.objectContaining({ use: 'reminders', granted: false, textSha256: 'c'.repeat(64) }),
    ]);
    // A refused teleconsultation: the secondary answers mean nothing and are not exported.
    expect(consentsFromKioskAnswer({ ...ANSWER, teleconsultation: false, uses })).toHaveLength(1);
  });

  it('exports nothing for an answer not tied to the text shown', () => {
    expect(consentsFromKioskAnswer({ ...ANSWER, textSha256: undefined })).toEqual([]);
  });

  it('withdraws a granted consent once; a refusal has nothing to withdraw', () => {
    const [granted] = consentsFromKioskAnswer(ANSWER);
    const done = withdraw(granted!, '2026-12-07T00:00:00.000Z');
    expect(done).toMatchObject({ ok: true, record: { withdrawnAt: '2026-12-07T00:00:00.000Z' } });
    if (done.ok)
      expect(withdraw(done.record, '2026-12-08T00:00:00.000Z')).toEqual({ ok: false, reason: 'already-withdrawn' });
    expect(withdraw({ ...granted!, granted: false }, '2026-12-07T00:00:00.000Z')).toEqual({
      ok: false,
      reason: 'not-granted',
    });
  });
});
