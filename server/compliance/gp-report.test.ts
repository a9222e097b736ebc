import { describe, expect, it } from 'vitest';
import { SAMPLE_PRESCRIPTION } from '../../common/records/testing/samples';
import { ConsultationReport } from '../../common/signaling/messages';
import { gpReportMessage } from './gp-report';

const report = (note: Record<string, unknown>): ConsultationReport =>
  ConsultationReport.parse({
    consultationId: 'c1',
    kioskId: 'k1',
    sessionId: 's1',
    doctor: { id: 'dr-martin', ...SAMPLE_PRESCRIPTION.doctor },
    specialty: 'general-practice',
    reason: 'Fièvre',
    acceptedAt: '2026-12-06T10:00:00.000Z',
    endedAt: '2026-12-06T10:12:00.000Z',
    durationSeconds: 720,
    identityVerified: true,
    measurements: [],
    prescription: null,
    ...note,
  });

describe('the report to the médecin traitant', () => {
  it("gives the doctor's note by section, under its French titles", () => {
    const note = { reason: 'Fièvre', history: '', examination: 'Gorge rouge', conclusion: 'Angine' };
    const { text } = gpReportMessage(report({ note }), null, 'gp@example.mssante.fr');
    expect(text).toContain('Notes du médecin :\nMotif : Fièvre\nExamen : Gorge rouge\nConclusion : Angine\n');
  });

  it('gives an older free-text note as written, and says when there is none', () => {
    expect(gpReportMessage(report({ notes: 'RAS' }), null, 'gp@x.fr').text).toContain('Notes du médecin :\nRAS\n');
    expect(gpReportMessage(report({ notes: '' }), null, 'gp@x.fr').text).toContain('Notes du médecin :\n(aucune)\n');
  });
});
