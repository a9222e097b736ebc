import { useState } from 'react';
import type { DeviceStatus } from '../common/devices/device-status';
import type { ExamStillInfo } from '../common/exam-camera/still';
import { availability, isUnavailable } from './device-availability';
import { captureStill, saveStill, type CapturedStill } from './exam-stills-api';
import { useT, type MessageKey, type Translate } from './i18n';
import type { DoctorClient } from './platform-client';
import { useExamCamera, type ExamCameraState } from './use-exam-camera';
import { DeviceLine } from './VitalCard';

/** Which camera the doctor looks at in the call's main view. */
export type CameraView = 'cabin' | 'exam';

export interface ExamCameraPanelProps {
  client: DoctorClient;
  consultationId: string;
  media: {
    vitals: { devices: DeviceStatus[] };
    /** The examination camera as received, while the kiosk sends it. */
    examCamera: MediaStreamTrack | null;
    setError(error: string): void;
  };
  view: CameraView;
  onView(view: CameraView): void;
}

function stateLine(t: Translate, state: ExamCameraState): string | null {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'requested':
    case 'streaming':
    case 'ended':
      return t(`exam.state.${state.phase}`);
    case 'failed':
      return `⚠ ${t(`exam.failure.${state.failure}` as MessageKey)}`;
  }
}

/**
 * The examination camera, like a measurement request: the doctor asks the kiosk for it, switches
 * the main view between the cabin's camera and it, takes stills at the size it is received (kept
 * in the record, the size the platform read from the image listed), and ends it.
 */
export function ExamCameraPanel({ client, consultationId, media, view, onView }: ExamCameraPanelProps) {
  const t = useT();
  const exam = useExamCamera(client, consultationId, media.setError);
  const stills = useStills(consultationId, media.setError);
  const device = availability(
    media.vitals.devices.find((d) => d.kind === 'exam-camera'),
    false,
  );
  const { state } = exam;
  const active = state.phase === 'requested' || state.phase === 'streaming';
  const line = stateLine(t, state);
  const track = media.examCamera;
  return (
    <section className="exam-camera-panel" data-testid="exam-camera-panel" aria-label={t('exam.title')}>
      <h3>{t('exam.title')}</h3>
      <DeviceLine state={device} kind="exam-camera" />
      <div className="exam-actions">
        {!active && (
          <button type="button" data-testid="exam-request" disabled={isUnavailable(device)} onClick={exam.request}>
            {t('exam.request')}
          </button>
        )}
        {active && (
          <button type="button" data-testid="exam-end" disabled={stills.saving} onClick={exam.end}>
            {t('exam.end')}
          </button>
        )}
      </div>
      {line && (
        <p role="status" data-testid="exam-state" className={state.phase === 'failed' ? 'bad' : undefined}>
          {line}
          {state.phase === 'streaming' && ` — ${t('exam.captured')} ${state.width}×${state.height}`}
        </p>
      )}
      {track && <CaptureRow track={track} view={view} onView={onView} stills={stills} />}
      <Stills stills={stills} />
    </section>
  );
}

/** The view switch (cabin or examination camera) and the still button, while the camera is received. */
function CaptureRow(p: {
  track: MediaStreamTrack;
  view: CameraView;
  onView(view: CameraView): void;
  stills: ReturnType<typeof useStills>;
}) {
  const t = useT();
  return (
    <div className="exam-actions">
      <div role="group" aria-label={t('exam.title')} className="segmented">
        {(['cabin', 'exam'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={p.view === v}
            data-testid={`view-${v}`}
            onClick={() => p.onView(v)}
          >
            {t(`exam.view.${v}`)}
          </button>
        ))}
      </div>
      <button
        type="button"
        data-testid="exam-capture"
        disabled={p.stills.saving}
        onClick={() => void p.stills.capture(p.track)}
      >
        📷 {t('exam.capture')}
      </button>
      {p.stills.saving && <span data-testid="exam-saving"> {t('exam.capturing')}</span>}
    </div>
  );
}

/** Stills taken in this consultation: kept ones as the platform answered, a refused one to retry. */
function useStills(consultationId: string, setError: (error: string) => void) {
  const t = useT();
  const [kept, setKept] = useState<ExamStillInfo[]>([]);
  const [unsaved, setUnsaved] = useState<{ still: CapturedStill; reason: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (still: CapturedStill) => {
    setSaving(true);
    const result = await saveStill(consultationId, still);
    setSaving(false);
    if (result.ok) {
      setUnsaved(null);
      setKept((list) => [...list, result.value]);
    } else setUnsaved({ still, reason: result.error });
  };
  const capture = async (track: MediaStreamTrack) => {
    const still = await captureStill(track);
    // No frame to be had (the camera just stopped): nothing was taken, and the doctor is told so.
    if (still) await save(still);
    else setError(t('exam.noFrame'));
  };
  const retry = () => unsaved && void save(unsaved.still);
  return { kept, unsaved, saving, capture, retry };
}

function Stills({ stills }: { stills: ReturnType<typeof useStills> }) {
  const t = useT();
  return (
    <>
      {stills.unsaved && (
        <p className="bad" role="alert" data-testid="exam-unsaved">
          ⚠ {t('exam.notKept')} : {stills.unsaved.reason}{' '}
          <button type="button" onClick={stills.retry}>
            {t('exam.retry')}
          </button>
        </p>
      )}
      {stills.kept.length > 0 && (
        <>
          <h4>{t('exam.stills')}</h4>
          <ul data-testid="exam-stills">
            {stills.kept.map((still) => (
              <li
                key={still.id}
                data-testid="exam-still"
                data-still-id={still.id}
                data-width={still.width}
                data-height={still.height}
              >
                {new Date(still.capturedAt).toLocaleTimeString()} · {still.width}×{still.height}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
