import { useEffect, useState } from 'react';
import { useT } from './i18n';

/**
 * The doctor's own microphone and camera, switched off and on during the call (the track stays
 * open and sends silence or black, so switching back is instant and needs no renegotiation).
 * Returns the toggles for the keyboard shortcuts.
 */
export function useLocalTracks(local: MediaStream | null) {
  const [micOn, setMicOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  useEffect(() => {
    local?.getAudioTracks().forEach((track) => (track.enabled = micOn));
  }, [local, micOn]);
  useEffect(() => {
    local?.getVideoTracks().forEach((track) => (track.enabled = cameraOn));
  }, [local, cameraOn]);
  return {
    micOn,
    cameraOn,
    toggleMicrophone: () => setMicOn((on) => !on),
    toggleCamera: () => setCameraOn((on) => !on),
  };
}

export function CallControls({ tracks }: { tracks: ReturnType<typeof useLocalTracks> }) {
  const t = useT();
  return (
    <div className="call-controls" role="group" aria-label={t('controls.title')}>
      {/* Toggles, as the duty button: the label stays, aria-pressed and the words below say the state. */}
      <button
        type="button"
        aria-pressed={!tracks.micOn}
        data-testid="toggle-microphone"
        onClick={tracks.toggleMicrophone}
      >
        {t('controls.mute')} (Alt+M)
      </button>
      <button type="button" aria-pressed={!tracks.cameraOn} data-testid="toggle-camera" onClick={tracks.toggleCamera}>
        {t('controls.hideCamera')} (Alt+V)
      </button>
      {(!tracks.micOn || !tracks.cameraOn) && (
        <p role="status" className="warn" data-testid="controls-state">
          {[!tracks.micOn && t('controls.micIsOff'), !tracks.cameraOn && t('controls.cameraIsOff')]
            .filter(Boolean)
            .join(' ')}
        </p>
      )}
    </div>
  );
}
