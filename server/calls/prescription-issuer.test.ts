import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Prescription } from '../../common/consultation/prescription';
import { PrescriptionSeal } from '../prescriptions/prescription-seal';
import { PrescriptionStore } from '../prescriptions/prescription-store';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../records/records-database';
import { memorySequence, SqlitePrescriptionSequence } from '../records/prescription-sequence';
import { isValidPrescriptionNumber, luhnDigit, PrescriptionIssuer } from './prescription-issuer';

const KEY = Buffer.alloc(32, 7);
const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };
const nowhere = { consultationId: null, kioskId: null };
const draft = {
  lines: [{ item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours', notes: '' }],
};

describe('prescription numbers', () => {
  it('computes the Luhn digit', () => {
    expect(luhnDigit('7992739871')).toBe(3);
  });

  it('issues unique, checkable numbers that survive a restart, with their consultation and kiosk', async () => {
    const database = { file: join(mkdtempSync(join(tmpdir(), 'rx-')), 'records.sqlite'), key: randomBytes(32) };
    const open = () =>
      new PrescriptionIssuer({
        sequence: new SqlitePrescriptionSequence(database),
        store: new PrescriptionStore(openRecordsDatabase(database)),
        verifyBaseUrl: 'https://platform.test/verify',
        seal: new PrescriptionSeal(KEY),
      });
    const issuer = open();
    const a = await issuer.issue(draft, doctor, nowhere);
    const b = await issuer.issue(draft, doctor, nowhere);
    expect(Prescription.parse(a)).toEqual(a);
    expect(a.number).toMatch(/^RX-\d{4}-000001-\d$/);
    expect(isValidPrescriptionNumber(a.number)).toBe(true);
    expect(isValidPrescriptionNumber(a.number.replace('000001', '000002'))).toBe(false);
    expect(a.qrPayload).toMatch(new RegExp(`^${a.number} https://platform.test/verify/${a.number}\\?t=[\\w-]{22}$`));
    const token = new URL(a.qrPayload.split(' ')[1]!).searchParams.get('t')!;
    expect(await issuer.verified(a.number, token)).toEqual(a);
    expect(await issuer.verified(b.number, token)).toBeNull();
    expect(await issuer.verified(a.number, '')).toBeNull();
    expect(await issuer.get(b.number)).toEqual(b);
    const restarted = open();
    expect(await restarted.get(a.number)).toEqual(a);
    const third = await restarted.issue(draft, doctor, { consultationId: 'c-1', kioskId: 'kiosk-a' });
    expect(third.number).toMatch(/-000003-/);
    expect(await open().issued(third.number)).toEqual({
      prescription: third,
      consultationId: 'c-1',
      kioskId: 'kiosk-a',
    });
    expect(await open().issued(a.number)).toMatchObject({ consultationId: null, kioskId: null });
    expect(await open().issued('RX-2026-999999-0')).toBeNull();
  });

  it('hands out nothing when the store refuses the prescription', async () => {
    const store = new PrescriptionStore(openRecordsDatabase(IN_MEMORY_RECORDS));
    const issuer = new PrescriptionIssuer({
      sequence: memorySequence(),
      store,
      verifyBaseUrl: 'https://p/verify',
      seal: new PrescriptionSeal(KEY),
    });
    vi.spyOn(store, 'save').mockImplementation(() => {
      throw new Error('SQLITE_FULL: database or disk is full');
    });
    await expect(issuer.issue(draft, doctor, nowhere)).rejects.toThrow(/disk is full/);
  });

  it('binds the QR token to the content: another key, or a changed line, date or prescriber, breaks it', async () => {
    const seal = new PrescriptionSeal(KEY);
    const issuer = new PrescriptionIssuer({
      sequence: memorySequence(),
      store: new PrescriptionStore(openRecordsDatabase(IN_MEMORY_RECORDS)),
      verifyBaseUrl: 'https://p/verify',
      seal,
    });
    const rx = await issuer.issue(draft, doctor, nowhere);
    const token = new URL(rx.qrPayload.split(' ')[1]!).searchParams.get('t')!;
    expect(seal.check(rx, token)).toBe(true);
    expect(new PrescriptionSeal(Buffer.alloc(32, 8)).check(rx, token)).toBe(false);
    const line = rx.lines[0]!;
    expect(seal.check({ ...rx, lines: [{ ...line, dosage: '2 comprimés 3 fois par jour' }] }, token)).toBe(false);
    expect(seal.check({ ...rx, issuedAt: '2020-01-01T00:00:00.000Z' }, token)).toBe(false);
    expect(seal.check({ ...rx, doctor: { ...rx.doctor, rpps: '10000000002' } }, token)).toBe(false);
    expect(() => new PrescriptionSeal(Buffer.alloc(16))).toThrow(/at least 32 bytes, got 16/);
  });
});

describe('the structured line and its preview', () => {
  const issuer = () =>
    new PrescriptionIssuer({
      sequence: memorySequence(),
      store: new PrescriptionStore(openRecordsDatabase(IN_MEMORY_RECORDS)),
      verifyBaseUrl: 'https://platform.test/verify',
      seal: new PrescriptionSeal(KEY),
      practiceAddressOf: () => '1 place du Marché, 69001 Lyon',
    });
  const structured = {
    lines: [{ ...draft.lines[0]!, form: ' comprimé ', quantity: '', nonSubstitutable: true }],
  };

  it('keeps form and "non substituable" in the seal; a line without them seals as lines always did', async () => {
    const seal = new PrescriptionSeal(KEY);
    const base = { number: 'RX-2026-000001-1', issuedAt: '2026-11-22T10:00:00.000Z', doctor, lines: draft.lines };
    const plain = seal.token(base);
    // The token of a line issued before the fields existed (what every printed QR code carries).
    expect(seal.token({ ...base, lines: [{ ...draft.lines[0]!, form: undefined }] })).toBe(plain);
    expect(seal.token({ ...base, lines: [{ ...draft.lines[0]!, nonSubstitutable: true }] })).not.toBe(plain);
    expect(seal.token({ ...base, lines: [{ ...draft.lines[0]!, form: 'sirop' }] })).not.toBe(plain);
    const issued = await issuer().issue(structured, doctor, nowhere);
    expect(issued.lines[0]).toEqual({ ...draft.lines[0], form: 'comprimé', nonSubstitutable: true });
  });

  it('previews what it would issue, with no number taken, nothing stored, no link or code', async () => {
    const rx = issuer();
    const to = { ...nowhere, specialty: 'general-practice' };
    const preview = await rx.preview(structured, doctor, to);
    expect(preview).toMatchObject({ number: 'APERÇU', qrPayload: 'APERÇU', lines: [{ form: 'comprimé' }] });
    expect(preview.doctor).toMatchObject({
      specialty: 'general-practice',
      practiceAddress: '1 place du Marché, 69001 Lyon',
    });
    expect(preview.accessCode).toBeUndefined();
    expect((await rx.issue(structured, doctor, to)).number).toMatch(/-000001-/);
  });
});
