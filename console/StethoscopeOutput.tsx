import { useEffect, useRef, useState } from 'react';
import { useT } from './i18n';

type SinkAudio = HTMLAudioElement & { setSinkId?(id: string): Promise<void> };

/** The outputs worth offering: "default" is the first choice already. */
const isChoosableOutput = (d: MediaDeviceInfo) => d.kind === 'audiooutput' && d.deviceId !== 'default';

/**
 * Plays the stethoscope on the output the doctor picks (headphones rather than the speakers that
 * carry the patient's voice): an <audio> element of its own and setSinkId. Where the browser
 * cannot choose, it says so and plays on the default output.
 */
export function StethoscopeOutput({ track }: { track: MediaStreamTrack | null }) {
  const t = useT();
  const audio = useRef<SinkAudio>(null);
  const outputs = useAudioOutputs();
  const [sink, setSink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canChoose = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) element.play().catch(() => {});
  }, [track]);

  const choose = (id: string) => {
    setSink(id);
    audio.current
      ?.setSinkId?.(id)
      .then(() => setError(null))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <div className="steth-output">
      <audio ref={audio} autoPlay data-testid="stethoscope-audio" data-sink={sink} />
      <label>
        {t('ausc.output')}{' '}
        <select
          data-testid="stethoscope-output"
          value={sink}
          disabled={!canChoose}
          onChange={(e) => choose(e.target.value)}
        >
          <option value="">{t('ausc.outputDefault')}</option>
          {outputs.map((o, i) => (
            <option key={o.deviceId} value={o.deviceId}>
              {o.label || `${t('ausc.output')} ${i + 1}`}
            </option>
          ))}
        </select>
      </label>
      {!canChoose && <span className="meta"> ({t('ausc.outputFixed')})</span>}
      {error && (
        <span className="bad" role="alert">
          {' '}
          {t('error.with', { message: error })}
        </span>
      )}
    </div>
  );
}

/** The audio outputs of this computer, kept current as devices come and go. */
function useAudioOutputs(): MediaDeviceInfo[] {
  const [outputs, setOutputs] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const devices = navigator.mediaDevices;
    if (!devices?.enumerateDevices) return;
    const list = () => {
      devices.enumerateDevices().then(
        (all) => setOutputs(all.filter(isChoosableOutput)),
        () => setOutputs([]),
      );
    };
    list();
    devices.addEventListener?.('devicechange', list);
    return () => devices.removeEventListener?.('devicechange', list);
  }, []);
  return outputs;
}
