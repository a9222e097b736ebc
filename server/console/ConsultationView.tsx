import type { PrescriptionLine } from '../../common/consultation/prescription';
import type { ConsultationReport, ResultOf, DoctorMethods } from '../../common/signaling/messages';
import { IdentityPanel } from './IdentityPanel';
import { useT, type MessageKey } from './i18n';
import type { DoctorClient } from './platform-client';
import { emptyLine, PrescriptionEditor } from './PrescriptionEditor';
import { VideoView } from './VideoView';
import { useConsultationMedia } from './use-consultation-media';
import { setLiveView } from './vitals-state';
import { useDoctorRequests } from './use-doctor-requests';
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
          {t('error.generic')} : {error}
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

/** One consultation: video both ways, identity, live vitals and requests, notes, prescription, end. */
export function ConsultationView({ client, accepted, draft, onDraft, onEnded }: ConsultationViewProps) {
  const t = useT();
  const { consultationId } = accepted;
  const { remote, local, vitals, setVitals, peer, error, setError, media } = useConsultationMedia(
    client,
    accepted,
    onEnded,
  );
  const { notes, lines, verified } = draft;
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

  return (
    <div className="consultation" data-testid="consultation" data-consultation-id={consultationId}>
      <h2 className="sr-only">{t('call.title')}</h2>
      <div className="left">
        <div className="videos">
          <VideoView stream={remote} testId="remote-video" label={t('call.patient')} />
          <VideoView stream={local} muted testId="local-video" label={t('call.you')} />
        </div>
        <CallStatus peer={peer} error={error} />
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
        <EndCall ending={ending} failed={endFailed} onEnd={() => void end()} />
      </div>
    </div>
  );
}
