import { useMemo, useRef, useState } from 'react';
import type { PrescriptionLine } from '../common/consultation/prescription';
import type { ConsultationReport, ResultOf, DoctorMethods } from '../common/signaling/messages';
import type { MeasurementKind } from '../common/devices/kinds';
import type { CallQuality } from '../common/media/call-quality';
import { AuscultationPanel } from './AuscultationPanel';
import { CallControls, useLocalTracks } from './CallControls';
import { CallQualityIndicator, useCallQuality } from './CallQualityIndicator';
import { useShortcuts } from './use-shortcuts';
import { ExamCameraPanel, type CameraView } from './ExamCameraPanel';
import { IdentityPanel } from './IdentityPanel';
import { useConsultationIdentity } from './identity-api';
import type { IdentityDocument } from '../common/identity/ins';
import { NoteEditor } from './NoteEditor';
import { composeNote, emptyNote, type StructuredNote } from './structured-note';
import { isMessageKey, useT, type MessageKey } from './i18n';
import type { DoctorClient } from './platform-client';
import { emptyLine, PrescriptionEditor } from './PrescriptionEditor';
import { VideoView } from './VideoView';
import { useConsultationMedia } from './use-consultation-media';
import { deviceFor, setLiveView, type VitalsState } from './vitals-state';
import { availability } from './device-availability';
import { useDoctorRequests } from './use-doctor-requests';
import { VitalsPanel } from './VitalsPanel';
import type { PeerState } from '../common/consultation/media-state';

export type Accepted = ResultOf<DoctorMethods, 'accept'>;

/** What the doctor typed: kept by the parent so a signalling reconnection (remount) loses nothing. */
export interface ConsultationDraft {
  /** The note as the report's text (composed from `note`, saved as the doctor types). */
  notes: string;
  note: StructuredNote;
  lines: PrescriptionLine[];
  /** null until the doctor checked the identity. */
  verified: boolean | null;
}

export const emptyDraft = (): ConsultationDraft => ({
  notes: '',
  note: emptyNote(),
  lines: [emptyLine()],
  verified: null,
});

export interface ConsultationViewProps {
  client: DoctorClient;
  accepted: Accepted;
  draft: ConsultationDraft;
  onDraft(update: (draft: ConsultationDraft) => ConsultationDraft): void;
  /** The call is over: the report when the doctor ended it, null when the kiosk left / was lost. */
  onEnded(report: ConsultationReport | null): void;
}

/** The kiosk's connection when it is not simply connected, and the call's last error. */
function CallStatus({ peer, error }: { peer: PeerState; error: string | null }) {
  const t = useT();
  return (
    <>
      {peer !== 'connected' && (
        <p className="warn" role="status" data-testid="peer-state">
          {t(`call.peer.${peer}` as MessageKey)}
        </p>
      )}
      {error && (
        <p className="bad" role="alert" data-testid="call-error">
          {t('error.with', { message: isMessageKey(error) ? t(error) : error })}
        </p>
      )}
    </>
  );
}

/** The end of the call, and what the last attempt left: nothing ended, the draft kept for a retry. */
function EndCall({ ending, failed, onEnd }: { ending: boolean; failed: boolean; onEnd(): void }) {
  const t = useT();
  return (
    <>
      {failed && (
        <p className="bad" role="alert" data-testid="end-failed">
          {t('call.endFailed')}
        </p>
      )}
      <button type="button" className="end" data-testid="end-call" disabled={ending} onClick={onEnd}>
        {t('call.end')}
      </button>
    </>
  );
}

/** The call's keyboard shortcuts (shortcuts.ts); the notes' ref, which one of them focuses. */
function useCallShortcuts(
  tracks: ReturnType<typeof useLocalTracks>,
  ask: (kind: MeasurementKind) => void,
  vitals: VitalsState,
) {
  const notesRef = useRef<HTMLTextAreaElement>(null);
  // A shortcut asks only what the button may: not a device the kiosk took out of service.
  const measure = (kind: MeasurementKind) => {
    if (availability(deviceFor(vitals, kind), false).status !== 'out-of-service') ask(kind);
  };
  useShortcuts({
    'toggle-microphone': tracks.toggleMicrophone,
    'toggle-camera': tracks.toggleCamera,
    'measure-temperature': () => measure('temperature'),
    'measure-oximetry': () => measure('oximetry'),
    'measure-blood-pressure': () => measure('blood-pressure'),
    'focus-notes': () => notesRef.current?.focus(),
  });
  return notesRef;
}

/**
 * One consultation: video both ways, identity, live vitals and requests, auscultation, notes,
 * prescription, end.
 */
export function ConsultationView({ client, accepted, draft, onDraft, onEnded }: ConsultationViewProps) {
  const t = useT();
  const { consultationId } = accepted;
  const call = useConsultationMedia(client, accepted, onEnded);
  const { remote, local, vitals, setVitals, peer, error, setError, media } = call;
  const { note, lines, verified } = draft;
  // A clip being recorded or kept: ending the call now would lose it.
  const [clipBusy, setClipBusy] = useState(false);
  const [view, setView] = useState<CameraView>('cabin');
  const { measure, verify, editNotes, end, ending, endFailed } = useDoctorRequests({
    client,
    consultationId,
    draft,
    onDraft,
    setVitals,
    setError,
    endMedia: () => media.current?.close(),
    onEnded,
  });
  const endBlocked = ending || clipBusy;
  const quality = useCallQuality(media);
  const tracks = useLocalTracks(local);
  const notesRef = useCallShortcuts(tracks, measure, vitals);

  return (
    <div className="consultation" data-testid="consultation" data-consultation-id={consultationId}>
      <h2 className="sr-only">{t('call.title')}</h2>
      <PatientSide
        accepted={accepted}
        media={{ remote, local, peer, error, exam: view === 'exam' ? call.examCamera : null, quality, tracks }}
        verified={verified}
        onVerify={verify}
      />
      <div className="right">
        <VitalsPanel
          vitals={vitals}
          onMeasure={measure}
          onLiveView={(kind, open) => setVitals((s) => setLiveView(s, kind, open))}
        />
        <AuscultationPanel client={client} consultationId={consultationId} media={call} onBusy={setClipBusy} />
        <ExamCameraPanel client={client} consultationId={consultationId} media={call} view={view} onView={setView} />
        <NoteEditor
          note={note}
          focusRef={notesRef}
          measurements={Object.values(vitals.recorded).map((r) => r.value)}
          onChange={(next) => {
            onDraft((d) => ({ ...d, note: next }));
            editNotes(composeNote(next));
          }}
        />
        <PrescriptionEditor
          lines={lines}
          onChange={(next) => onDraft((d) => ({ ...d, lines: next }))}
          disabled={ending}
        />
        <EndCall ending={endBlocked} failed={endFailed} onEnd={() => void end()} />
      </div>
    </div>
  );
}

/** The patient's side of the call: both videos, the kiosk's connection, the reason, the identity to check. */
function PatientSide(p: {
  accepted: Accepted;
  media: {
    remote: MediaStream | null;
    local: MediaStream | null;
    peer: PeerState;
    error: string | null;
    /** The examination camera when the doctor views it: shown large, the cabin's camera (and voice) small. */
    exam: MediaStreamTrack | null;
    quality: CallQuality | null;
    tracks: ReturnType<typeof useLocalTracks>;
  };
  verified: boolean | null;
  onVerify(verified: boolean): void;
}) {
  const t = useT();
  const { exam: examTrack } = p.media;
  const identity = useConsultationIdentity(p.accepted.consultationId);
  const vigilance = { ...identity, checkDocument: (kind: IdentityDocument) => void identity.checkDocument(kind) };
  const exam = useMemo(() => (examTrack ? new MediaStream([examTrack]) : null), [examTrack]);
  return (
    <div className="left">
      <div className={exam ? 'videos exam-view' : 'videos'}>
        {exam && <VideoView stream={exam} muted testId="exam-video" label={t('exam.view.exam')} />}
        <VideoView stream={p.media.remote} testId="remote-video" label={t('call.patient')} />
        <VideoView stream={p.media.local} muted testId="local-video" label={t('call.you')} />
      </div>
      <CallControls tracks={p.media.tracks} />
      <CallQualityIndicator quality={p.media.quality} />
      <CallStatus peer={p.media.peer} error={p.media.error} />
      <p className="reason">{p.accepted.queueEntry.reason}</p>
      <IdentityPanel identity={p.accepted.identity} verified={p.verified} onVerify={p.onVerify} vigilance={vigilance} />
    </div>
  );
}
