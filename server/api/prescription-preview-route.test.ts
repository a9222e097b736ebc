import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prescriptionPreviewPath } from '../../common/consultation/prescription';
import { createHttpServer, type HttpApp } from '../../http/http-server';
import type { DoctorSessions } from '../auth/doctor-sessions';
import type { InCallRef } from '../calls/in-call-ref';
import { PrescriptionIssuer } from '../calls/prescription-issuer';
import { PrescriptionSeal } from '../prescriptions/prescription-seal';
import { PrescriptionStore } from '../prescriptions/prescription-store';
import { pdfTexts } from '../prescriptions/pdf-reader';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../records/records-database';
import { memorySequence } from '../records/prescription-sequence';
import { registerPrescriptionPreviewRoute } from './prescription-preview-route';

const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };
const patient = { lastName: 'DUPONT', firstNames: 'Marie', sex: 'F' as const, birthDate: '1984-06-15' };
const inCall: InCallRef = {
  consultationId: 'c-1',
  sessionId: 's-1',
  kioskId: 'kiosk-a',
  doctorRpps: doctor.rpps,
  destination: { consultationId: 'c-1', kioskId: 'kiosk-a', specialty: 'general-practice', patient },
};
const draft = {
  lines: [{ item: 'Amoxicilline 1 g', form: 'comprimé', dosage: '1 matin et soir', duration: '6 jours' }],
};

let app: HttpApp;
let store: PrescriptionStore;
beforeAll(async () => {
  app = await createHttpServer({ name: 'test:http' });
  store = new PrescriptionStore(openRecordsDatabase(IN_MEMORY_RECORDS));
  const prescriptions = new PrescriptionIssuer({
    sequence: memorySequence(),
    store,
    verifyBaseUrl: 'https://platform.test/verify',
    seal: new PrescriptionSeal(Buffer.alloc(32, 7)),
  });
  const sessions = {
    fromAuthorization: (header: string | undefined) => (header === 'Bearer doctor-token' ? { doctor } : null),
  } as unknown as DoctorSessions;
  const calls = { consultationInCall: (_: unknown, id: string) => (id === 'c-1' ? inCall : null) };
  registerPrescriptionPreviewRoute(app, { sessions, calls, prescriptions });
});
afterAll(() => app.close());

const post = (
  payload: object,
  headers: Record<string, string> = { authorization: 'Bearer doctor-token' },
  id = 'c-1',
) => app.inject({ method: 'POST', url: prescriptionPreviewPath(id), headers, payload });

describe('the prescription preview before signing', () => {
  it("gives the doctor in call the PDF of the draft, for the consultation's patient, marked and unnumbered", async () => {
    const res = await post(draft);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const text = pdfTexts(res.rawPayload).join('\n');
    expect(text).toContain('Amoxicilline 1 g, comprimé');
    expect(text).toContain('Nom : DUPONT');
    expect(text).toContain('APERÇU');
    expect(text).not.toMatch(/RX-\d{4}/);
    // Nothing issued: the store has no prescription under the first number.
    expect(await store.get('RX-2026-000001-1')).toBeNull();
  });

  it('refuses without a session, a doctor not in that call, and a draft without a line', async () => {
    expect((await post(draft, {})).statusCode).toBe(401);
    expect((await post(draft, undefined, 'c-2')).statusCode).toBe(403);
    expect((await post({ lines: [] })).statusCode).toBe(400);
  });
});
