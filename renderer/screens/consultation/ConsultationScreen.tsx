import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';
import { CallVideo } from '../../streaming/CallVideo';
import { useCall } from '../../streaming/use-call';
import { AuscultationOverlay } from './AuscultationOverlay';
import { ExamCameraOverlay } from './ExamCameraOverlay';
import { MeasurementOverlay } from './MeasurementOverlay';

/**
 * The doctor full screen, the patient's self-view, the call state in words, guided measurements and
 * auscultation, the examination camera.
 */
export function ConsultationScreen() {
  const { t } = useTranslation();
  const { view, api } = useFlow();
  const call = useCall({ active: api !== null, kiosk: api ?? undefined });
  const state = view.call?.state ?? 'joining';
  return (
    <ScreenFrame name="consultation" text="consultation" cancel={false} className="consultation">
      <div className="call-area">
        {/* The self-view sits in a corner of the doctor's picture, never over the call's status. */}
        <div className="call-videos">
          <CallVideo stream={call.remoteStream} className="video doctor" aria-label={t('consultation.doctor')} />
          <CallVideo stream={call.localStream} muted className="video self-small" aria-label={t('consultation.you')} />
        </div>
        <p className="call-state" role="status" data-testid="call-state">
          <span aria-hidden="true">{state === 'connected' ? '● ' : '◌ '}</span>
          {t(`consultation.state.${state}`)}
        </p>
        {call.error === 'media-unreachable' && (
          <p className="error" role="alert" data-testid="call-unreachable">
            <span aria-hidden="true">⚠ </span>
            {t('consultation.mediaUnreachable')}
          </p>
        )}
      </div>
      {view.measurement && <MeasurementOverlay m={view.measurement} />}
      {view.auscultation && <AuscultationOverlay a={view.auscultation} />}
      {view.examCamera && <ExamCameraOverlay e={view.examCamera} />}
    </ScreenFrame>
  );
}
