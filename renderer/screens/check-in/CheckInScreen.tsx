import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';
import { CheckInCard } from './CheckInCard';
import { CheckInCode } from './CheckInCode';
import { watchQrCodes } from './qr-camera';
import './check-in.css';

type Camera = 'starting' | 'watching' | 'unavailable' | 'checking' | 'unreachable';

/**
 * "I have an appointment" (issue 17): the ticket's QR code held up to the camera, the Carte Vitale
 * in the reader, or the booking's short code typed (a phone booking). The platform checks each
 * (forged, expired, another pharmacy's, cancelled, too early, late, unknown code) and the flow goes
 * on with its answer; a refusal is said plainly here, with the next best choice.
 */
export function CheckInScreen() {
  const { t } = useTranslation();
  const { view, api } = useFlow();
  const video = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<Camera>('starting');
  const [typing, setTyping] = useState(false);
  const refusal = view.appointment.refusal;

  useEffect(() => {
    if (!video.current || !api) return;
    let stop: (() => void) | null = null;
    let stopped = false;
    const onCode = (token: string) => {
      setCamera('checking');
      api.checkInAppointment({ token }).then(
        () => setCamera('watching'),
        () => setCamera('unreachable'),
      );
    };
    watchQrCodes(video.current, onCode).then(
      (s) => (stopped ? s() : ((stop = s), setCamera('watching'))),
      () => setCamera('unavailable'),
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }, [api]);

  return (
    <ScreenFrame name="check-in" text="checkIn" className={typing ? 'with-keyboard' : undefined}>
      <p className="lead">{t('checkIn.body')}</p>
      {/* Typing a code, or reading a refusal: the camera becomes a thumbnail so the screen still fits. */}
      <div className={typing || refusal ? 'check-in-ways compact' : 'check-in-ways'}>
        <video ref={video} className="check-in-camera" muted playsInline data-testid="check-in-video" />
        <p role="status" data-testid="check-in-camera" data-state={camera}>
          {t(`checkIn.camera.${camera}`)}
        </p>
        <CheckInCard />
      </div>
      {refusal && (
        <div className="message warning" role="alert" data-testid="check-in-refusal" data-refusal={refusal}>
          <p>{t(`appointments.refusal.${refusal}`)}</p>
          <p>{t('checkIn.nextBest')}</p>
        </div>
      )}
      {typing ? (
        <CheckInCode onClose={() => setTyping(false)} />
      ) : (
        <button type="button" className="huge-ish" data-testid="check-in-type-code" onClick={() => setTyping(true)}>
          <span aria-hidden="true">⌨ </span>
          {t('checkIn.code.open')}
        </button>
      )}
      <div className="button-row">
        {refusal && <IntentButton label={t('checkIn.retry')} intention={{ type: 'CHECK_IN_RETRY' }} />}
        <IntentButton label={t('checkIn.walkIn')} className="primary" intention={{ type: 'CHECK_IN_WALK_IN' }} />
      </div>
    </ScreenFrame>
  );
}
