import { useEffect, useRef, useState } from 'react';
import type { PrescriptionLine } from '../../common/consultation/prescription';
import type { MeasurementKind } from '../../common/devices/kinds';
import type { ConsultationReport, DoctorEvent, ResultOf, DoctorMethods } from '../../common/signaling/messages';
import type { VitalsMessage } from '../../common/signaling/vitals';
import { IdentityPanel } from './IdentityPanel';
import { useT, type MessageKey } from './i18n';
import { MediaSession } from './media-session';
import type { DoctorClient } from './platform-client';
import { emptyLine, PrescriptionEditor, toDraft } from './PrescriptionEditor';
import { VideoView } from './VideoView';
import {
  applyVitals,
  emptyVitals,
  liveChannelOpened,
  measurementRequested,
  requestFailed,
  setLiveView,
  type VitalsState,
} from './vitals-state';
import { VitalsPanel } from './VitalsPanel';
import type { PeerState } from '../../common/consultation/media-state';

export type Accepted = ResultOf<DoctorMethods, 'accept'>;

/** What the doctor typed: kept by the parent so a signalling reconnection (remount) loses nothing. */
export interface ConsultationDraft {
  notes: string;
  lines: PrescriptionLine[];
  /** null until the doctor checked the identity. */
  verified: boolean | null;
}

export const emptyDraft = (): ConsultationDraft => ({ notes: '', lines: [emptyLine()], verified: null });

export interface ConsultationViewProps {
  client: DoctorClient;
  accepted: Accepted;
  draft: ConsultationDraft;
  onDraft(update: (draft: ConsultationDraft) => ConsultationDraft): void;
  /** The call is over: the report when the doctor ended it, null when the kiosk left / was lost. */
  onEnded(report: ConsultationReport | null): void;
}

/** ms after the last keystroke before the notes are saved on the platform. */
const NOTES_SAVE_DELAY_MS = 1500;

/** One consultation: video both ways, identity, live vitals and requests, notes, prescription, end. */
export function ConsultationView({ client, accepted, draft, onDraft, onEnded }: ConsultationViewProps) {
  const t = useT();
  const { consultationId } = accepted;
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [vitals, setVitals] = useState<VitalsState>(() => emptyVitals(accepted.devices, accepted.measurements));
  const { notes, lines, verified } = draft;
  const [peer, setPeer] = useState<PeerState>('connected');
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState(false);
  const notesTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const media = useRef<MediaSession | null>(null);
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    // From the data channel, or relayed by the platform (kiosk-result): both apply alike, the
    // same measurement twice counts once (vitals-state).
    const onVitals = (message: VitalsMessage) => {
      const receivedAt = Date.now();
      setVitals((state) => applyVitals(state, message, receivedAt));
    };
    const session = new MediaSession(client, {
      onRemoteStream: setRemote,
      onLocalStream: setLocal,
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
    (window as unknown as { consoleMedia?: MediaSession }).consoleMedia = session;
    return () => {
      off();
      session.close();
    };
  }, [client, consultationId]);

  const measure = (kind: MeasurementKind) => {
    setVitals((s) => measurementRequested(s, kind));
    client.request('request-measurement', { consultationId, kind }).catch((e: unknown) => {
      setVitals((s) => requestFailed(s, kind));
      setError(e instanceof Error ? e.message : String(e));
    });
  };

  const verify = (value: boolean) => {
    client.request('verify-identity', { consultationId, verified: value }).then(
      () => onDraft((d) => ({ ...d, verified: value })),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };

  const editNotes = (value: string) => {
    onDraft((d) => ({ ...d, notes: value }));
    if (notesTimer.current) clearTimeout(notesTimer.current);
    notesTimer.current = setTimeout(
      () => void client.request('save-notes', { consultationId, notes: value }).catch(() => {}),
      NOTES_SAVE_DELAY_MS,
    );
  };

  const end = async () => {
    setEnding(true);
    if (notesTimer.current) clearTimeout(notesTimer.current);
    try {
      const { report } = await client.request('end-call', { consultationId, prescription: toDraft(lines), notes });
      media.current?.close();
      onEnded(report);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setEnding(false);
    }
  };

  return (
    <div className="consultation" data-testid="consultation" data-consultation-id={consultationId}>
      <h2 className="sr-only">{t('call.title')}</h2>
      <div className="left">
        <div className="videos">
          <VideoView stream={remote} testId="remote-video" label={t('call.patient')} />
          <VideoView stream={local} muted testId="local-video" label={t('call.you')} />
        </div>
        {peer !== 'connected' && (
          <p className="warn" role="status" data-testid="peer-state">
            {t(`call.peer.${peer}` as MessageKey)}
          </p>
        )}
        {error && (
          <p className="bad" role="alert" data-testid="call-error">
            {t('error.generic')} : {error}
          </p>
        )}
        <p className="reason">{accepted.queueEntry.reason}</p>
        <IdentityPanel identity={accepted.identity} verified={verified} onVerify={verify} />
      </div>
      <div className="right">
        <VitalsPanel
          vitals={vitals}
          onMeasure={measure}
          onLiveView={(kind, open) => setVitals((s) => setLiveView(s, kind, open))}
        />
        <label className="notes">
          {t('call.notes')}
          <textarea
            data-testid="notes"
            rows={5}
            maxLength={20000}
            value={notes}
            onChange={(e) => editNotes(e.target.value)}
          />
        </label>
        <PrescriptionEditor
          lines={lines}
          onChange={(next) => onDraft((d) => ({ ...d, lines: next }))}
          disabled={ending}
        />
        <button type="button" className="end" data-testid="end-call" disabled={ending} onClick={() => void end()}>
          {t('call.end')}
        </button>
      </div>
    </div>
  );
}
