import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PRESCRIPTION } from '../../../common/records/testing/samples';
import { makeTestAuthority, makeTestCertificate } from '../../../http/testing/test-certificate';
import { SqliteDeliveryOutbox } from '../../deliveries/delivery-outbox';
import { DeliveryWorker } from '../../deliveries/delivery-worker';
import { openRecordsDatabase } from '../../records/records-database';
import { ePrescriptionSubmission, identifierOfQrContent, type EPrescriptionSubmission } from './eprescription-format';
import { HttpsEPrescriptionService } from './eprescription-service';
import { startEPrescriptionTestServer, type EPrescriptionTestServer } from './testing/eprescription-test-server';

const dir = mkdtempSync(join(tmpdir(), 'eprescription-'));
const pem = (file: string) => readFileSync(file, 'utf8');
const ca = makeTestAuthority(dir, { name: 'Test CA' });
const serverCert = makeTestCertificate(dir, { name: 'localhost', issuer: ca });
const platformCert = makeTestCertificate(dir, { name: 'platform.test', issuer: ca });
const SOFTWARE = { name: 'kiosk-platform', version: '0.1.0' };
const RX = {
  ...SAMPLE_PRESCRIPTION,
  patient: { lastName: 'MARTIN', firstNames: 'Claire Anne', sex: 'F' as const, birthDate: '1980-04-12' },
};

let server: EPrescriptionTestServer;
beforeAll(async () => {
  server = await startEPrescriptionTestServer({
    cert: pem(serverCert.certFile),
    key: pem(serverCert.keyFile),
    ca: pem(ca.certFile),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function rig(service: HttpsEPrescriptionService) {
  let now = 1_000_000;
  const outbox = new SqliteDeliveryOutbox(openRecordsDatabase({ file: ':memory:', key: null }));
  const worker = new DeliveryWorker(
    outbox,
    { eprescription: (payload) => service.submit(payload as EPrescriptionSubmission) },
    { now: () => now },
  );
  const enqueue = () =>
    outbox.enqueue(
      {
        kind: 'eprescription',
        consultationId: 'c-1',
        reference: SAMPLE_PRESCRIPTION.number,
        payload: ePrescriptionSubmission(RX, SOFTWARE),
      },
      now,
    );
  return { outbox, worker, enqueue, advance: (ms: number) => (now += ms) };
}

const service = (withClientCert: boolean) =>
  new HttpsEPrescriptionService({
    url: server.url,
    ca: pem(ca.certFile),
    ...(withClientCert && { cert: pem(platformCert.certFile), key: pem(platformCert.keyFile) }),
  });

describe('e-prescription sent to the service through the outbox', () => {
  it('sends the identifier, the QR content and the lines as FHIR MedicationRequests over mutual TLS', async () => {
    const { worker, enqueue } = rig(service(true));
    const before = server.received.length;
    const status = await worker.attempt((await enqueue()).id);
    expect(status).toMatchObject({ attempts: 1, lastError: null, receipt: expect.stringMatching(/^TEST-/) });
    const got = server.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      identifier: { system: 'urn:kiosk:prescription-number', value: SAMPLE_PRESCRIPTION.number },
      type: 'produits-de-sante',
      software: SOFTWARE,
      prescriberRpps: SAMPLE_PRESCRIPTION.doctor.rpps,
    });
    expect(identifierOfQrContent(got[0]!.qrContent)).toBe(SAMPLE_PRESCRIPTION.number);
    const requests = got[0]!.bundle.entry.filter(
      (e) => (e.resource as { resourceType: string }).resourceType === 'MedicationRequest',
    );
    expect(requests).toHaveLength(SAMPLE_PRESCRIPTION.lines.length);
    expect(requests[0]!.resource).toMatchObject({ groupIdentifier: { value: SAMPLE_PRESCRIPTION.number } });
  });

  it('keeps a prescription the service refused, with the reason, and delivers it on a later attempt', async () => {
    const { outbox, worker, enqueue, advance } = rig(service(true));
    server.down = true;
    const first = await worker.attempt((await enqueue()).id);
    expect(first).toMatchObject({ attempts: 1, deliveredAtMs: null, lastError: expect.stringContaining('HTTP 503') });
    expect(await outbox.undelivered()).toHaveLength(1);
    server.down = false;
    await worker.runDue(); // not due yet: 30 s back-off
    expect(await outbox.get(first!.id)).toMatchObject({ attempts: 1, deliveredAtMs: null });
    advance(30_000);
    await worker.runDue();
    expect(await outbox.get(first!.id)).toMatchObject({
      attempts: 2,
      lastError: null,
      receipt: expect.stringMatching(/^TEST-/),
    });
    expect(await outbox.undelivered()).toEqual([]);
  });

  it('a platform without the client certificate is refused by the service: kept, with the TLS reason', async () => {
    const { worker, enqueue } = rig(service(false));
    const status = await worker.attempt((await enqueue()).id);
    expect(status).toMatchObject({
      deliveredAtMs: null,
      lastError: expect.stringMatching(/unreachable|certificate|socket|handshake/i),
    });
  });

  it('an unreachable service is an error kept for retry, never a lost prescription', async () => {
    const unreachable = new HttpsEPrescriptionService({ url: 'https://127.0.0.1:9/none', ca: pem(ca.certFile) });
    const { outbox, worker, enqueue } = rig(unreachable);
    const status = await worker.attempt((await enqueue()).id);
    expect(status).toMatchObject({ deliveredAtMs: null, lastError: expect.stringContaining('unreachable') });
    expect(await outbox.undelivered()).toHaveLength(1);
  });

  it('sends no prescription that names no patient (the service could not attach it)', () => {
    expect(() => ePrescriptionSubmission({ ...RX, patient: undefined }, SOFTWARE)).toThrow(/names no patient/);
  });

  it('refuses a plain-http service URL', () => {
    expect(() => new HttpsEPrescriptionService({ url: 'http://example.test/' })).toThrow(/https/);
  });
});
