import { useEffect, useRef, useState } from 'react';
import type { PeerState } from '../common/consultation/media-state';
import type { ConsultationReport, DoctorEvent } from '../common/signaling/messages';
import type { VitalsMessage } from '../common/signaling/vitals';
import type { Accepted } from './ConsultationView';
import { ConsultationMedia } from './consultation-media';
import type { DoctorClient } from './platform-client';
import { applyVitals, emptyVitals, liveChannelOpened, type VitalsState } from './vitals-state';

/**
 * The call's live side for one consultation: the media session (video both ways, the vitals
 * channel, the kiosk's stethoscope when it sends it), the kiosk's events (its connection, devices, relayed results), and the end of the call
 * when the kiosk leaves or is lost.
 */
export function useConsultationMedia(
  client: DoctorClient,
  accepted: Accepted,
  onEnded: (report: ConsultationReport | null) => void,
) {
  const { consultationId } = accepted;
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [stethoscope, setStethoscope] = useState<MediaStreamTrack | null>(null);
  const [examCamera, setExamCamera] = useState<MediaStreamTrack | null>(null);
  const [vitals, setVitals] = useState<VitalsState>(() => emptyVitals(accepted.devices, accepted.measurements));
  const [peer, setPeer] = useState<PeerState>('connected');
  const [error, setError] = useState<string | null>(null);
  const media = useRef<ConsultationMedia | null>(null);
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    // From the data channel, or relayed by the platform (kiosk-result): both apply alike, the
    // same measurement twice counts once (vitals-state).
    const onVitals = (message: VitalsMessage) => {
      const receivedAt = Date.now();
      setVitals((state) => applyVitals(state, message, receivedAt));
    };
    const session = new ConsultationMedia(client, {
      onRemoteStream: setRemote,
      onLocalStream: setLocal,
      onStethoscope: setStethoscope,
      onExamCamera: setExamCamera,
      onError: setError,
      onVitals,
      onLiveChannel: () => setVitals(liveChannelOpened),
    });
    media.current = session;
    const off = client.on((event: DoctorEvent) => {
      if ('consultationId' in event && event.consultationId !== consultationId) return;
      if (event.type === 'peer-state' && event.peer === 'kiosk') setPeer(event.state);
      if (event.type === 'kiosk-devices') setVitals((s) => ({ ...s, devices: event.devices }));
      if (event.type === 'kiosk-result') onVitals(event.result);
      if (event.type === 'call-ended' && event.reason !== 'doctor-ended') {
        session.close();
        ended.current(null);
        return;
      }
      void session.handle(event);
    });
    session.start().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    // The e2e and the bench read decoded frames through this hook (no effect on the doctor's use).
    (window as unknown as { consoleMedia?: ConsultationMedia }).consoleMedia = session;
    return () => {
      off();
      session.close();
    };
  }, [client, consultationId]);

  return { remote, local, stethoscope, examCamera, vitals, setVitals, peer, error, setError, media };
}
