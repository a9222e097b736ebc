import { cleanup, fireEvent, screen } from '@testing-library/react';
import i18next from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { ExamCameraFailure } from '../../../common/exam-camera/exam-camera';
import { LANGUAGES, type Language } from '../../i18n/i18n';
import { INITIAL_CALL_SNAPSHOT } from '../../streaming/call-snapshot';
import { renderStep } from '../../testing/render-screen';
import { setUpScreenTests } from '../../testing/screen-tests';

setUpScreenTests();

vi.mock('../../streaming/use-call', () => ({
  useCall: () => ({ ...INITIAL_CALL_SNAPSHOT, goAudioOnly: () => {} }),
}));

describe('the examination camera guidance at the kiosk', () => {
  it('says to take the camera while it opens, then where to hold it while the doctor looks', () => {
    renderStep('consultation', { examCamera: { phase: 'opening', streamingSince: null, failure: null } });
    expect(screen.queryByTestId('exam-camera-timer')).toBeNull();
    expect(screen.getByTestId('exam-camera').dataset.phase).toBe('opening');
    expect(screen.getByTestId('exam-camera-instruction').textContent).toBe(
      "Prenez la caméra d'examen dans son support. La caméra s'ouvre…",
    );
    expect(screen.getByRole('img', { name: "Caméra d'examen" })).toBeTruthy();
    cleanup();
    renderStep('consultation', {
      examCamera: { phase: 'streaming', streamingSince: new Date(Date.now() - 12_000).toISOString(), failure: null },
    });
    expect(screen.getByTestId('exam-camera-instruction').textContent).toContain(
      "Le médecin voit par la caméra d'examen",
    );
    // How long the patient has held it, counted from when the doctor first saw through it.
    expect(screen.getByRole('timer').textContent).toBe('Le médecin regarde depuis 12\u00a0s');
    // The patient cannot leave while the doctor looks.
    expect(screen.queryByRole('button', { name: 'Revenir au médecin' })).toBeNull();
  });

  it('says why the camera failed and lets the patient go back to the doctor', () => {
    const { send } = renderStep('consultation', {
      examCamera: { phase: 'failed', streamingSince: null, failure: 'camera-not-found' },
    });
    expect(screen.getByTestId('exam-camera-instruction').textContent).toContain(
      "La caméra d'examen n'est pas reconnue",
    );
    fireEvent.click(screen.getByRole('button', { name: 'Revenir au médecin' }));
    expect(send).toHaveBeenLastCalledWith({ type: 'EXAM_CAMERA_CLOSE' });
  });

  it.each(Object.keys(LANGUAGES) as Language[])('has every phase and failure worded in %s', async (language) => {
    await i18next.changeLanguage(language);
    const views = [
      { phase: 'opening' as const, streamingSince: null, failure: null },
      { phase: 'streaming' as const, streamingSince: new Date().toISOString(), failure: null },
      ...ExamCameraFailure.options.map((failure) => ({ phase: 'failed' as const, streamingSince: null, failure })),
    ];
    for (const examCamera of views) {
      renderStep('consultation', { examCamera }, { language });
      expect(screen.getByTestId('exam-camera').textContent, JSON.stringify(examCamera)).not.toMatch(/examCamera\./);
      cleanup();
    }
    await i18next.changeLanguage('fr');
  });
});
