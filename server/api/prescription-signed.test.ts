import { noteOf } from '../../common/records/testing/samples';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Prescription } from '../../common/consultation/prescription';
import type { Platform } from '../platform';
import { pdfSignerFromEnv } from '../prescriptions/pdf-signer';
import { pdfTexts } from '../prescriptions/pdf-reader';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { connectDoctor, joinQueue } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

/**
 * The platform with a signing certificate (PLATFORM_SIGNING_CERT / _KEY, a throwaway RSA one made
 * by openssl): the PDF the kiosk fetches for its printer, on its paper, is signed, and says so.
 */
const mediasoup = await requireMediasoupWorker();
const dir = mkdtempSync(join(tmpdir(), 'rx-signed-'));
const env = { PLATFORM_SIGNING_CERT: join(dir, 'platform.crt'), PLATFORM_SIGNING_KEY: join(dir, 'platform.key') };
let platform: Platform;

beforeAll(async () => {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Plateforme test'].concat([
      '-keyout',
      env.PLATFORM_SIGNING_KEY,
      '-out',
      env.PLATFORM_SIGNING_CERT,
    ]),
    { stdio: 'ignore' },
  );
  platform = await startTestPlatform({ pdfSigner: pdfSignerFromEnv(env) });
});
afterAll(async () => platform?.close());

mediasoup.describe('the prescription PDF from a platform with a signing certificate', () => {
  it('is signed (pdfsig), says so, and comes in the kiosk printer’s paper format', async () => {
    const doctor = await connectDoctor(platform);
    await doctor.request('set-on-duty', { onDuty: true });
    const a = await joinQueue(platform, 'kiosk-a');
    await doctor.request('accept', { consultationId: a.joined.consultationId });
    await doctor.request('end-call', {
      consultationId: a.joined.consultationId,
      note: noteOf('RAS'),
      prescription: { lines: [{ item: 'Paracétamol 1 g', dosage: '1 cp x3/j', duration: '5 jours', notes: '' }] },
    });
    const rx = Prescription.parse((await a.kiosk.events.next('call-ended')).prescription);
    const url = `${platform.url}/api/prescriptions/${rx.number}.pdf?format=receipt-80mm`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${a.ticket.credential}` } });
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    writeFileSync(join(dir, 'rx.pdf'), pdf);
    const report = spawnSync('pdfsig', [join(dir, 'rx.pdf')], { encoding: 'utf8' }).stdout;
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Plateforme test');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 226\.77/);
    expect(pdfTexts(pdf).join('\n')).toContain('Document signé numériquement par la plateforme');
    const wrongFormat = await fetch(url.replace('receipt-80mm', 'letter'), {
      headers: { authorization: `Bearer ${a.ticket.credential}` },
    });
    expect(wrongFormat.status).toBe(400);
  });
});
