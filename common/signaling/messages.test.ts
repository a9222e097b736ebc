import { describe, expect, it } from 'vitest';
import {
  DoctorMethods,
  DoctorToPlatform,
  KioskToPlatform,
  parseFrame,
  PlatformToDoctor,
  PlatformToKiosk,
} from './messages';
import { parseVitalsMessage } from './vitals';

const queueEntry = { ageYears: 42, specialty: 'general-practice', territory: '75', reason: 'Toux depuis 3 jours' };
const join = {
  type: 'join-queue',
  id: 'r1',
  token: 'x'.repeat(20),
  sessionId: '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f',
  queueEntry,
  identity: null,
  devices: [],
};

describe('signalling frames', () => {
  it('accepts a well-formed request of each side', () => {
    expect(parseFrame(KioskToPlatform, JSON.stringify(join))).toMatchObject({
      ok: true,
      value: { type: 'join-queue' },
    });
    expect(
      parseFrame(
        DoctorToPlatform,
        JSON.stringify({ type: 'request-measurement', id: '9', consultationId: 'c', kind: 'oximetry' }),
      ),
    ).toMatchObject({ ok: true });
    expect(
      parseFrame(KioskToPlatform, JSON.stringify({ type: 'restart-ice', id: '3', transportId: 't1' })),
    ).toMatchObject({ ok: true });
  });

  it('refuses garbage with a reason naming the field, never the content', () => {
    expect(parseFrame(KioskToPlatform, '{nope')).toEqual({ ok: false, error: 'not JSON' });
    expect(parseFrame(KioskToPlatform, 'null')).toMatchObject({ ok: false });
    const badAge = parseFrame(
      KioskToPlatform,
      JSON.stringify({ ...join, queueEntry: { ...queueEntry, ageYears: 400 } }),
    );
    expect(badAge).toMatchObject({ ok: false, error: expect.stringMatching(/^queueEntry\.ageYears:/) });
    const extra = parseFrame(KioskToPlatform, JSON.stringify({ ...join, smuggled: 1 }));
    expect(extra.ok).toBe(false);
    const secret = parseFrame(
      DoctorToPlatform,
      JSON.stringify({ type: 'sign-in', id: '1', email: 'not-an-email', password: 'hunter2-secret' }),
    );
    expect(secret.ok).toBe(false);
    if (!secret.ok) expect(secret.error).not.toContain('hunter2');
  });

  it('takes the note only by section, and names no note text when it refuses one', () => {
    const note = { reason: 'Fièvre', history: '', examination: 'SECRET-EXAM', conclusion: '' };
    const save = (body: object) =>
      parseFrame(DoctorToPlatform, JSON.stringify({ type: 'save-notes', id: '1', consultationId: 'c', ...body }));
    expect(save({ note }).ok).toBe(true);
    // The text of the consoles before the typed note is refused, not stored as something else.
    expect(save({ notes: '[Examen]\nSECRET-EXAM' }).ok).toBe(false);
    const tooLong = save({ note: { ...note, examination: `SECRET-EXAM ${'x'.repeat(5000)}` } });
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.error).not.toContain('SECRET-EXAM');
  });

  it('keeps the doctor-only requests away from kiosks and vice versa', () => {
    expect(parseFrame(KioskToPlatform, JSON.stringify({ type: 'accept', id: '1', consultationId: 'c' })).ok).toBe(
      false,
    );
    expect(parseFrame(DoctorToPlatform, JSON.stringify({ ...join })).ok).toBe(false);
    expect(
      parseFrame(
        DoctorToPlatform,
        JSON.stringify({ type: 'end-call', id: '1', consultationId: 'c', prescription: { lines: [] }, notes: '' }),
      ).ok,
    ).toBe(false);
  });

  it('validates platform frames: responses and events', () => {
    expect(
      parseFrame(
        PlatformToKiosk,
        JSON.stringify({ type: 'response', id: '1', ok: false, error: { code: 'conflict', message: 'x' } }),
      ).ok,
    ).toBe(true);
    const queueUpdated = (wait: unknown) =>
      parseFrame(PlatformToKiosk, JSON.stringify({ type: 'queue-updated', consultationId: 'c', position: 2, wait })).ok;
    expect(queueUpdated({ kind: 'estimate', minutes: 5, doctorsOnDuty: 1 })).toBe(true);
    expect(queueUpdated({ kind: 'no-doctor' })).toBe(true);
    expect(queueUpdated({ kind: 'doctor-coming' })).toBe(true);
    // No "0 minutes", and no estimate without a doctor on duty behind it.
    expect(queueUpdated({ kind: 'estimate', minutes: 0, doctorsOnDuty: 1 })).toBe(false);
    expect(queueUpdated({ kind: 'estimate', minutes: 5, doctorsOnDuty: 0 })).toBe(false);
    expect(queueUpdated({ kind: 'no-doctor', minutes: 5 })).toBe(true); // extra keys are dropped, not shown
    expect(parseFrame(PlatformToKiosk, JSON.stringify({ type: 'queue-list', entries: [], doctorsOnDuty: 0 })).ok).toBe(
      false,
    );
    expect(parseFrame(PlatformToDoctor, JSON.stringify({ type: 'queue-list', entries: [], doctorsOnDuty: 0 })).ok).toBe(
      true,
    );
    expect(
      DoctorMethods['sign-in'].result.safeParse({
        token: 't',
        expiresAt: 'x',
        doctor: { id: 'd', name: 'n', rpps: '1' },
      }).success,
    ).toBe(false);
  });
});

describe('vitals messages', () => {
  it('parses the envelopes and drops anything else', () => {
    const pleth = {
      type: 'pleth',
      sentAt: 1,
      seq: 3,
      chunk: { deviceId: 'ox', rateHz: 60, startedAt: 0, samples: [10, 50, 90] },
    };
    expect(parseVitalsMessage(JSON.stringify(pleth))).toEqual(pleth);
    expect(parseVitalsMessage(JSON.stringify({ ...pleth, chunk: { ...pleth.chunk, samples: [101] } }))).toBeNull();
    expect(parseVitalsMessage('garbage')).toBeNull();
    expect(parseVitalsMessage(new ArrayBuffer(3))).toBeNull();
  });
});
