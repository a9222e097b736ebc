import { describe, expect, it } from 'vitest';
import { billingCsv, csvField } from './billing-csv';

describe('billing CSV', () => {
  it('quotes a field holding the separator, a quote or a line break, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('says plainly what the platform does not have: no NIR, no pharmacy', () => {
    const csv = billingCsv(
      [
        {
          consultationId: 'c1',
          endedAt: '2026-07-14T22:30:00.000Z',
          day: '2026-07-15',
          pharmacyId: null,
          kioskId: 'k',
          doctorRpps: '10000000001',
          nir: null,
          actCode: 'TLM',
          amountCents: 100,
          teleconsultationAct: 'TCG',
          teleconsultationFeeCents: 3000,
          coverage: 'non transmise',
        },
      ],
      () => 'unused',
    );
    // Summer time in Paris: 22:30 UTC is 00:30 on the 15th.
    expect(csv.split('\r\n')[1]).toBe(
      '2026-07-15;00:30;(aucune pharmacie);k;10000000001;(pas de NIR);non transmise;TCG;30,00;TLM;1,00;c1',
    );
  });

  it("leaves a specialist's fee to the specialist (TC) rather than printing the GP's", () => {
    const csv = billingCsv(
      [
        {
          consultationId: 'c2',
          endedAt: '2026-12-05T10:00:00.000Z',
          day: '2026-12-05',
          pharmacyId: 'p',
          kioskId: 'k',
          doctorRpps: '10000000001',
          nir: '290017512345678',
          actCode: 'TLM',
          amountCents: 100,
          teleconsultationAct: 'TC',
          teleconsultationFeeCents: null,
          coverage: '70 % (parcours de soins respecté) — déclaré au kiosque',
        },
      ],
      () => 'Pharmacie',
    );
    expect(csv.split('\r\n')[1]).toBe(
      '2026-12-05;11:00;Pharmacie;k;10000000001;290017512345678;70 % (parcours de soins respecté) — déclaré au kiosque;TC;tarif du spécialiste;TLM;1,00;c2',
    );
  });
});
