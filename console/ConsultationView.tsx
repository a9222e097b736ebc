import { useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { PrescriptionLine } from '../common/consultation/prescription';
import type { ConsultationReport, ResultOf, DoctorMethods } from '../common/signaling/messages';
import type { MeasurementKind } from '../common/devices/kinds';
import type { CallQuality } from '../common/media/call-quality';
import { CallControls, useLocalTracks } from './CallControls';
import { CallQualityIndicator, useCallQuality } from './CallQualityIndicator';
import { useShortcuts } from './use-shortcuts';
import type { CameraView } from './ExamCameraPanel';
import { emptyNote, type ConsultationNote } from '../common/signaling/messages';
import { isMessageKey, useT, type MessageKey } from './i18n';
import type { DoctorClient } from './platform-client';
import { emptyLine, toDraft } from './PrescriptionEditor';
import { WorkspaceSections } from './Workspace';
import { PrescriptionPreview } from './PrescriptionPreview';
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
  /** The note by section, saved on the platform as the doctor types. */
  note: ConsultationNote;
  lines: PrescriptionLine[];
  /** null until the doctor checked the identity. */
  verified: boolean | null;
}

export const emptyDraft = (): ConsultationDraft => ({
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
function EndCall(p: {
  ending: boolean;
  failed: boolean;
  withPrescription: boolean;
  onEnd(): void;
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  const t = useT();
  return (
    <div className="end-bar">
      {p.failed && (
        <p className="bad" role="alert" data-testid="end-failed">
          {t('call.endFailed')}
        </p>
      )}
      <button
        ref={p.buttonRef}
        type="button"
        className="end"
        data-testid="end-call"
        disabled={p.ending}
        onClick={p.onEnd}
      >
        {t(p.withPrescription ? 'call.endWithRx' : 'call.end')}
      </button>
    </div>
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
 * One consultation, laid out for a laptop (1366×768) and a desktop screen (1920×1080) alike
 * (layout.css): the patient's video large with the doctor's own small on it, the controls and the
 * link's quality under it; the vitals beside; the workspace (identity, note, prescription,
 * auscultation, examination camera) scrolling in its own column, the end of the call pinned under
 * it. With a prescription written, ending the call first shows the PDF the platform will issue.
 */
export function ConsultationView({ client, accepted, draft, onDraft, onEnded }: ConsultationViewProps) {
  const t = useT();
  const { consultationId } = accepted;
  const call = useConsultationMedia(client, accepted, onEnded);
  const { remote, local, vitals, setVitals, peer, error, setError, media } = call;
  // A clip being recorded or kept: ending the call now would lose it.
  const [clipBusy, setClipBusy] = useState(false);
  const [view, setView] = useState<CameraView>('cabin');
  const [previewing, setPreviewing] = useState(false);
  const { measure, verify, editNote, end, ending, endFailed } = useDoctorRequests({
    client,
    accepted,
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
    <>
      <div className="consultation" data-testid="consultation" data-consultation-id={consultationId} inert={previewing}>
        <h2 className="sr-only">{t('call.title')}</h2>
        <PatientSide
          accepted={accepted}
          media={{ remote, local, peer, error, exam: view === 'exam' ? call.examCamera : null, quality, tracks }}
        />
        <div className="vitals-column">
          <VitalsPanel
            vitals={vitals}
            onMeasure={measure}
            onLiveView={(kind, open) => setVitals((s) => setLiveView(s, kind, open))}
          />
        </div>
        <div className="workspace">
          <WorkspaceSections
            client={client}
            accepted={accepted}
            call={call}
            draft={draft}
            onDraft={onDraft}
            requests={{ verify, editNote, ending }}
            notesRef={notesRef}
            onClipBusy={setClipBusy}
            camera={{ view, onView: setView }}
          />
          <EndOfCall
            consultationId={consultationId}
            lines={draft.lines}
            preview={{ open: previewing, set: setPreviewing }}
            end={{ run: end, blocked: endBlocked, failed: endFailed }}
          />
        </div>
      </div>
    </>
  );
}

/**
 * The end of the call. With a prescription written, it first shows the PDF the platform will issue
 * (in a dialog outside the inert view), whose "sign, send and end" ends the call with it.
 */
function EndOfCall(p: {
  consultationId: string;
  lines: ConsultationDraft['lines'];
  preview: { open: boolean; set(open: boolean): void };
  end: { run(): Promise<void>; blocked: boolean; failed: boolean };
}) {
  const prescription = toDraft(p.lines);
  const { preview, end } = p;
  const endButton = useRef<HTMLButtonElement>(null);
  return (
    <>
      <EndCall
        ending={end.blocked}
        failed={end.failed}
        withPrescription={prescription !== null}
        onEnd={() => (prescription ? preview.set(true) : void end.run())}
        buttonRef={endButton}
      />
      {preview.open &&
        prescription &&
        createPortal(
          <PrescriptionPreview
            consultationId={p.consultationId}
            draft={prescription}
            signing={end.blocked}
            onClose={() => {
              preview.set(false);
              // Back where the doctor was, once the view is no longer inert.
              requestAnimationFrame(() => endButton.current?.focus());
            }}
            onSign={() => (preview.set(false), void end.run())}
          />,
          document.body,
        )}
    </>
  );
}

/** The patient's side of the call: both videos, the controls, the link, the kiosk's connection, the reason. */
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
}) {
  const t = useT();
  const { exam: examTrack } = p.media;
  const exam = useMemo(() => (examTrack ? new MediaStream([examTrack]) : null), [examTrack]);
  return (
    <div className="patient-side">
      <div className={exam ? 'videos exam-view' : 'videos'}>
        {exam && <VideoView stream={exam} muted testId="exam-video" label={t('exam.view.exam')} />}
        <VideoView stream={p.media.remote} testId="remote-video" label={t('call.patient')} />
        <VideoView stream={p.media.local} muted testId="local-video" label={t('call.you')} />
      </div>
      <div className="call-bar">
        <CallControls tracks={p.media.tracks} />
        <CallQualityIndicator quality={p.media.quality} />
      </div>
      <CallStatus peer={p.media.peer} error={p.media.error} />
      <p className="reason" data-testid="call-reason">
        {t('call.reason', { reason: p.accepted.queueEntry.reason })}
      </p>
    </div>
  );
}
