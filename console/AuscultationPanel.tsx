import { useEffect, useState } from 'react';
import type { AuscultationSite } from '../common/auscultation/sites';
import type { DeviceStatus } from '../common/devices/device-status';
import { BodyDiagram } from '../web-shared/body-diagram/BodyDiagram';
import { fetchClipAudio } from './auscultation-clips-api';
import { availability, isUnavailable } from './device-availability';
import { useT, type MessageKey, type Translate } from './i18n';
import { PhonocardiogramCanvas } from './PhonocardiogramCanvas';
import type { DoctorClient } from './platform-client';
import { StethoscopeOutput } from './StethoscopeOutput';
import { useAuscultation, type AuscultationState } from './use-auscultation';
import { useClipRecording } from './use-clip-recording';
import { useStethoscopeSound } from './use-stethoscope-sound';
import { DeviceLine } from './VitalCard';

export interface AuscultationPanelProps {
  client: DoctorClient;
  consultationId: string;
  /** The call's media (use-consultation-media): the kiosk's devices, the stethoscope's sound, the call's error. */
  media: {
    vitals: { devices: DeviceStatus[] };
    /** The stethoscope's sound as received, while the kiosk sends it. */
    stethoscope: MediaStreamTrack | null;
    setError(error: string): void;
  };
  /** True while a clip is being recorded or kept: the call should not end under it. */
  onBusy(busy: boolean): void;
}

const siteName = (t: Translate, site: AuscultationSite) => t(`ausc.site.${site}` as MessageKey);

/** What the kiosk says of the auscultation, in words. */
function stateLine(t: Translate, state: AuscultationState): string | null {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'requested':
      return `${siteName(t, state.site)} — ${t('ausc.state.requested')}`;
    case 'listening':
      return `${siteName(t, state.site)} — ${t('ausc.state.listening')}`;
    case 'failed':
      return `⚠ ${siteName(t, state.site)} — ${t(`ausc.failure.${state.failure}` as MessageKey)}`;
    case 'ended':
      return t('ausc.state.ended');
  }
}

/**
 * The auscultation, like a measurement request: the doctor picks a site on the body diagram and
 * asks the kiosk for it (the patient sees the same spot); then hears the stethoscope on the output
 * they choose, sees its phonocardiogram, records 15 s clips into the record, and ends it.
 */
export function AuscultationPanel({ client, consultationId, media, onBusy }: AuscultationPanelProps) {
  const t = useT();
  const ausc = useAuscultation(client, consultationId, media.setError);
  const sound = useStethoscopeSound(media.stethoscope);
  const rec = useClipRecording(consultationId, sound.listen);
  const { finish, busy } = rec;
  // The sound stopped before the clip was full (the kiosk ended it, or dropped): keep what came.
  useEffect(() => {
    if (media.stethoscope === null) finish();
  }, [media.stethoscope, finish]);
  useEffect(() => {
    onBusy(busy);
  }, [busy, onBusy]);
  const site = ausc.state.phase === 'idle' ? null : ausc.state.site;
  const listening = ausc.state.phase === 'listening' && media.stethoscope !== null;

  return (
    <section
      className="auscultation-panel"
      aria-label={t('ausc.title')}
      data-testid="auscultation-panel"
      data-phase={ausc.state.phase}
    >
      <h3>{t('ausc.title')}</h3>
      <SiteRequest ausc={ausc} devices={media.vitals.devices} busy={busy} />
      {media.stethoscope && (
        <div className="ausc-sound">
          <StethoscopeOutput track={media.stethoscope} />
          <PhonocardiogramCanvas pcg={sound.pcg} received={sound.received} label={t('ausc.pcg')} />
          <p className="meta">{t('ausc.pcgLegend')}</p>
          {sound.received === 0 && <p className="meta">{t('ausc.noSound')}</p>}
          {sound.error && (
            <p className="bad" role="alert">
              {t('error.with', { message: sound.error })}
            </p>
          )}
          <button
            type="button"
            data-testid="ausc-record"
            disabled={!listening || busy || sound.received === 0}
            onClick={() => site && rec.record(site)}
          >
            ● {t('ausc.record')}
          </button>
          {rec.recording !== null && (
            <span role="timer" data-testid="ausc-recording">
              {' '}
              {t('ausc.recording')} {rec.recording} s / 15 s
            </span>
          )}
          {rec.saving && <span data-testid="ausc-saving"> {t('ausc.saving')}</span>}
        </div>
      )}
      <Clips rec={rec} consultationId={consultationId} setError={media.setError} />
    </section>
  );
}

/** The body diagrams to pick a site on, the request (or move) and end buttons, and the kiosk's word. */
function SiteRequest(p: { ausc: ReturnType<typeof useAuscultation>; devices: DeviceStatus[]; busy: boolean }) {
  const t = useT();
  const { state } = p.ausc;
  const [picked, setPicked] = useState<AuscultationSite | null>(null);
  const device = availability(
    p.devices.find((d) => d.kind === 'stethoscope'),
    false,
  );
  const current = state.phase === 'idle' ? null : state.site;
  const site = picked ?? current;
  const active = state.phase === 'requested' || state.phase === 'listening';
  const line = stateLine(t, state);
  const diagram = (view: 'front' | 'back') => (
    <figure>
      <BodyDiagram
        view={view}
        viewer="doctor"
        selected={site}
        title={`${t('ausc.diagram')} — ${t(view === 'front' ? 'ausc.front' : 'ausc.back')}`}
        sideLabels={{ right: t('ausc.right'), left: t('ausc.left') }}
        onPick={setPicked}
        siteLabel={(s) => siteName(t, s)}
        testId={`ausc-${view}`}
      />
      <figcaption>{t(view === 'front' ? 'ausc.front' : 'ausc.back')}</figcaption>
    </figure>
  );
  return (
    <>
      <DeviceLine state={device} kind="stethoscope" />
      <div className="ausc-diagrams">
        {diagram('front')}
        {diagram('back')}
      </div>
      <p data-testid="ausc-site">{site ? siteName(t, site) : t('ausc.pick')}</p>
      <div className="ausc-actions">
        <button
          type="button"
          data-testid="ausc-request"
          disabled={site === null || isUnavailable(device) || (active && site === current)}
          onClick={() => site && p.ausc.request(site)}
        >
          {active ? t('ausc.move') : t('ausc.request')}
        </button>
        {active && (
          <button type="button" data-testid="ausc-end" disabled={p.busy} onClick={p.ausc.end}>
            {t('ausc.end')}
          </button>
        )}
      </div>
      {line && (
        <p role="status" data-testid="ausc-state" className={state.phase === 'failed' ? 'bad' : undefined}>
          {line}
        </p>
      )}
    </>
  );
}

/** The consultation's kept clips (to listen to again), and a clip the platform refused, to retry. */
function Clips(p: { rec: ReturnType<typeof useClipRecording>; consultationId: string; setError(e: string): void }) {
  const t = useT();
  const { unsaved, clips, retry } = p.rec;
  const play = async (clipId: string) => {
    const audio = await fetchClipAudio(p.consultationId, clipId);
    if (!audio.ok) return p.setError(`${t('ausc.play')} : ${audio.error}`);
    void new Audio(URL.createObjectURL(audio.value)).play();
  };
  return (
    <>
      {unsaved && (
        <p className="bad" role="alert" data-testid="ausc-unsaved">
          ⚠ {t('ausc.saveFailed')} ({siteName(t, unsaved.clip.site)}) : {unsaved.reason}{' '}
          <button type="button" onClick={retry}>
            {t('ausc.retry')}
          </button>
        </p>
      )}
      {clips.length > 0 && (
        <>
          <h4>{t('ausc.clips')}</h4>
          <ul data-testid="ausc-clips">
            {clips.map((clip) => (
              <li key={clip.id} data-testid="ausc-clip" data-clip-id={clip.id} data-site={clip.site}>
                {siteName(t, clip.site)} · {new Date(clip.recordedAt).toLocaleTimeString()} ·{' '}
                {Math.round(clip.durationMs / 1000)} s{' '}
                <button type="button" onClick={() => void play(clip.id)}>
                  ▶ {t('ausc.play')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
