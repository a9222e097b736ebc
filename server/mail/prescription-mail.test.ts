import { noteOf } from '../../common/records/testing/samples';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Prescription } from '../../common/consultation/prescription';
import type { Platform } from '../platform';
import { pdfTexts } from '../prescriptions/pdf-reader';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { connectDoctor, joinQueue } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';
import { PrescriptionMailer } from './prescription-mailer';

/**
 * The e-mail with the patient's consent, end to end on the platform: a real SMTP server
 * (smtp-server) on loopback receives what the platform sent, read back with mailparser. The message
 * holds the link and no health data; the link with the code opens the PDF; the server's refusal and
 * a bad address come back as plain refusals.
 */
const mediasoup = await requireMediasoupWorker();
const received: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onRcptTo(address, _session, callback) {
    if (address.address.endsWith('@refused.test'))
      return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
    callback();
  },
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => {
      received.push(mail);
      callback();
    }, callback);
  },
});
let platform: Platform;
let rx: Prescription;
let credential: string;
const DRUG = 'Amoxicilline 1 g';

beforeAll(async () => {
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const { port } = smtp.server.address() as AddressInfo;
  const mailer = PrescriptionMailer.fromUrl(`smtp://127.0.0.1:${port}`, 'Téléconsultation <no-reply@platform.test>');
  platform = await startTestPlatform({ mailer });
});
afterAll(async () => {
  await platform?.close();
  smtp.close();
});

const email = (address: string) =>
  fetch(`${platform.url}/api/prescriptions/${rx.number}/email`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ address }),
  });

mediasoup.describe('the prescription e-mailed with the patient’s consent', () => {
  beforeAll(async () => {
    const doctor = await connectDoctor(platform);
    await doctor.request('set-on-duty', { onDuty: true });
    const a = await joinQueue(platform, 'kiosk-a');
    credential = a.ticket.credential;
    await doctor.request('accept', { consultationId: a.joined.consultationId });
    await doctor.request('end-call', {
      consultationId: a.joined.consultationId,
      note: noteOf('Angine bactérienne'),
      prescription: { lines: [{ item: DRUG, dosage: '1 cp matin et soir', duration: '6 jours', notes: '' }] },
    });
    rx = Prescription.parse((await a.kiosk.events.next('call-ended')).prescription);
  });

  it('answers sent once the SMTP server accepted it; the message has the link and no health data', async () => {
    const response = await email('patient@example.test');
    expect(response.status).toBe(202);
    const mail = received.at(-1)!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('patient@example.test');
    const whole = `${mail.subject}\n${mail.text}\n${mail.html || ''}`;
    expect(whole).toContain(`${platform.url}/rx/${rx.number}`);
    for (const health of [DRUG, 'Amoxicilline', 'Angine', rx.doctor.name, rx.doctor.rpps, rx.accessCode!])
      expect(whole).not.toContain(health);
  });

  it('the link opens the document with the code from the screen, and only with it', async () => {
    const form = await fetch(`${platform.url}/rx/${rx.number}`);
    expect(await form.text()).toContain('Code d’accès');
    const wrong = await fetch(`${platform.url}/rx/${rx.number}?code=AAAA-AAAA`);
    expect(wrong.status).toBe(403);
    const typed = rx.accessCode!.toLowerCase().replace('-', ' ');
    const pdf = await fetch(`${platform.url}/rx/${rx.number}?code=${encodeURIComponent(typed)}`);
    expect(pdf.status).toBe(200);
    expect(pdfTexts(Buffer.from(await pdf.arrayBuffer())).join('\n')).toContain(DRUG);
  });

  it('a bad address or a recipient the server refuses: a plain refusal, and the document stays available', async () => {
    const before = received.length;
    expect(await (await email('not an address')).json()).toMatchObject({ error: 'invalid-address' });
    const refused = await email('someone@refused.test');
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ error: 'refused' });
    expect(received).toHaveLength(before);
    expect((await fetch(`${platform.url}/rx/${rx.number}?code=${rx.accessCode!}`)).status).toBe(200);
  });
});
