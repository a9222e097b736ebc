import Database from 'better-sqlite3-multiple-ciphers';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PrescriptionMailer } from '../mail/prescription-mailer';
import { HttpSmsGateway } from '../notify/sms-gateway';
import { startSmsTestGateway, type SmsTestGateway } from '../notify/testing/sms-test-gateway';
import { migrateRecords } from '../records/migrations';
import { AppointmentReminders } from './appointment-reminder';
import { SqliteAppointmentStore } from './appointment-store';
import { parisInstant } from './paris-time';

/**
 * Reminders (issue 17) on real parts: the records database in a file, a real SMTP server
 * (smtp-server) and the local SMS gateway over HTTP. A reminder asked at booking is sent 24 h
 * before the slot on the platform's clock, once, even across a restart (a new scheduler on the
 * reopened database); neither message holds health data.
 */
const received: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => {
      received.push(mail);
      callback();
    }, callback);
  },
});
let sms: SmsTestGateway;
let mailer: PrescriptionMailer;
const dir = mkdtempSync(join(tmpdir(), 'reminders-'));
beforeAll(async () => {
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const { port } = smtp.server.address() as AddressInfo;
  mailer = PrescriptionMailer.fromUrl(`smtp://127.0.0.1:${port}`, 'Téléconsultation <no-reply@platform.test>');
  sms = await startSmsTestGateway();
});
afterAll(async () => {
  mailer.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await sms.stop();
  rmSync(dir, { recursive: true, force: true });
});

const AT_15 = parisInstant(2026, 12, 7, 15, 0);
const HOUR = 3600_000;
const PATIENT = {
  identity: {
    lastName: 'MARTIN',
    firstName: 'Jeanne',
    birthDate: '1985-05-12',
    nir: '185057800608491',
    source: 'card',
  },
  reason: { specialty: 'psychiatry', text: 'angoisses' },
  contact: { email: 'jeanne@patient.test', phone: '06 12 34 56 78' },
  reminder: 'asked',
};

function open(now: () => number) {
  const db = new Database(join(dir, 'records.db'));
  migrateRecords(db);
  const store = new SqliteAppointmentStore(db);
  const reminders = new AppointmentReminders({
    store,
    clock: { now },
    mailer,
    sms: new HttpSmsGateway(sms.url, sms.token, 'Pharmacie'),
    place: () => ({ pharmacy: 'Pharmacie du Marché', cabin: 'Cabine 1' }),
  });
  return { db, store, reminders };
}

it('sends the e-mail and the SMS 24 h before the slot, once, across a restart, with no health data', async () => {
  let now = AT_15 - 3 * 24 * HOUR;
  const first = open(() => now);
  await first.store.insertIfCabinFree(
    {
      ...{ id: 'a1', doctorId: 'd1', doctorName: 'Dr Psy', kioskId: 'k1', territory: '75' },
      ...{ startsAt: AT_15, endsAt: AT_15 + 15 * 60_000, specialty: 'psychiatry', status: 'booked' },
      ...{ bookedBy: 'kiosk', patient: PATIENT },
    },
    AT_15,
    AT_15 + 20 * 60_000,
    now,
  );
  await first.reminders.tick();
  expect(received).toHaveLength(0);
  expect(sms.sent).toHaveLength(0);
  first.db.close();

  // The platform restarts; 23 h before the slot the reminder is due and goes, from storage.
  now = AT_15 - 23 * HOUR;
  const second = open(() => now);
  await second.reminders.tick();
  await second.reminders.tick();
  expect(received).toHaveLength(1);
  expect(sms.sent).toHaveLength(1);
  const mail = received[0]!;
  expect(mail.to).toMatchObject({ text: 'jeanne@patient.test' });
  expect(mail.text).toContain('lundi 7 décembre à 15:00');
  expect(mail.text).toContain('Cabine 1');
  expect(sms.sent[0]).toMatchObject({ to: '+33612345678', from: 'Pharmacie' });
  expect(sms.sent[0]!.text).toContain('lundi 7 décembre à 15:00');
  expect(sms.sent[0]!.text).toContain('Pharmacie du Marché');
  for (const text of [mail.text ?? '', sms.sent[0]!.text])
    for (const secret of ['MARTIN', 'Jeanne', 'Dr Psy', 'psychiatr', 'angoisses', '185057800608491'])
      expect(text).not.toContain(secret);
  expect(((await second.store.get('a1'))!.patient as { reminder: string }).reminder).toBe('sent');
  second.db.close();
});

it('a gateway down: the reminder is marked failed (not retried into a flood), the booking stands', async () => {
  sms.refuse(true);
  let now = AT_15 - 2 * HOUR;
  const { db, store, reminders } = open(() => now);
  await store.insertIfCabinFree(
    {
      ...{ id: 'a2', doctorId: 'd1', doctorName: 'Dr Psy', kioskId: 'k1', territory: '75' },
      ...{ startsAt: AT_15 + HOUR, endsAt: AT_15 + HOUR + 15 * 60_000, specialty: 'psychiatry', status: 'booked' },
      ...{ bookedBy: 'kiosk', patient: { ...PATIENT, contact: { email: null, phone: '0612345678' } } },
    },
    AT_15 + HOUR,
    AT_15 + HOUR + 20 * 60_000,
    now,
  );
  await reminders.tick();
  now += HOUR;
  await reminders.tick();
  expect(await store.get('a2')).toMatchObject({ status: 'booked', patient: { reminder: 'failed' } });
  sms.refuse(false);
  db.close();
});
