import { useEffect, useState } from 'react';
import type { AuscultationClipInfo } from '../common/auscultation/clip';
import type { ExamStillInfo } from '../common/exam-camera/still';
import type { Result } from '../common/util/result';
import { fetchClipAudio } from './auscultation-clips-api';
import { fetchExaminationRecord, fetchStillImage, type ExaminationRecord } from './examination-record-api';
import { formatTime } from './format';
import { useT, type MessageKey } from './i18n';

/** An object URL for a fetched blob while the component shows it, revoked after. */
function useBlobUrl(load: () => Promise<Result<Blob, number>>, key: string): string | null | 'failed' {
  const [url, setUrl] = useState<string | null | 'failed'>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    void load().then((blob) => {
      if (!live) return;
      made = blob.ok ? URL.createObjectURL(blob.value) : null;
      setUrl(made ?? 'failed');
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
    // The blob is the one `key` names; `load` is a new closure on every render.
  }, [key]);
  return url;
}

function Still({ consultationId, still }: { consultationId: string; still: ExamStillInfo }) {
  const t = useT();
  const url = useBlobUrl(() => fetchStillImage(consultationId, still.id), still.id);
  const caption = `${formatTime(still.capturedAt)} · ${still.width}×${still.height}`;
  return (
    <figure data-testid="report-still" data-still-id={still.id}>
      {url === 'failed' ? (
        <p className="bad">{t('report.examination.imageUnreadable')}</p>
      ) : (
        url && <img src={url} alt={`${t('exam.view.exam')} ${caption}`} />
      )}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function Clip({ consultationId, clip }: { consultationId: string; clip: AuscultationClipInfo }) {
  const t = useT();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState<number | null>(null);
  useEffect(() => () => void (src && URL.revokeObjectURL(src)), [src]);
  const listen = async () => {
    const audio = await fetchClipAudio(consultationId, clip.id);
    if (audio.ok) setSrc(URL.createObjectURL(audio.value));
    else setFailed(audio.error);
  };
  return (
    <li data-testid="report-clip" data-site={clip.site}>
      {t(`ausc.site.${clip.site}` as MessageKey)} · {formatTime(clip.recordedAt)} · {Math.round(clip.durationMs / 1000)}{' '}
      s{' '}
      {src ? (
        <audio controls autoPlay src={src} />
      ) : (
        <button type="button" className="no-print" onClick={() => void listen()}>
          ▶ {t('ausc.play')}
        </button>
      )}
      {failed !== null && <span className="bad"> HTTP {failed}</span>}
    </li>
  );
}

/**
 * The report's examination: the examination camera's stills (printed with the report) and the
 * stethoscope's clips with their site, as the record keeps them; said plainly when there are none
 * or when the record could not be read.
 */
export function ReportExamination({ consultationId }: { consultationId: string }) {
  const t = useT();
  const [record, setRecord] = useState<Result<ExaminationRecord, number> | null>(null);
  useEffect(() => {
    let live = true;
    void fetchExaminationRecord(consultationId).then((r) => live && setRecord(r));
    return () => void (live = false);
  }, [consultationId]);
  if (record === null) return null;
  return (
    <section data-testid="report-examination" aria-labelledby="report-examination-title">
      <h3 id="report-examination-title">{t('report.examination')}</h3>
      {!record.ok ? (
        <p className="bad" role="alert">
          {t('report.examination.unreadable')} (HTTP {record.error})
        </p>
      ) : record.value.stills.length + record.value.clips.length === 0 ? (
        <p>{t('report.examination.none')}</p>
      ) : (
        <>
          {record.value.stills.length > 0 && (
            <div className="report-stills" aria-label={t('exam.stills')}>
              {record.value.stills.map((still) => (
                <Still key={still.id} consultationId={consultationId} still={still} />
              ))}
            </div>
          )}
          {record.value.clips.length > 0 && (
            <>
              <h4>{t('ausc.clips')}</h4>
              <ul>
                {record.value.clips.map((clip) => (
                  <Clip key={clip.id} consultationId={consultationId} clip={clip} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
