import { useRef, useState } from 'react';
import { CLIP_SAMPLE_RATE_HZ, CLIP_SECONDS, type AuscultationClipInfo } from '../common/auscultation/clip';
import type { AuscultationSite } from '../common/auscultation/sites';
import { saveClip, type PendingClip } from './auscultation-clips-api';
import { ClipRecorder } from './clip-recorder';

type Listen = (listener: (samples: Float32Array) => void) => () => void;

/**
 * Records 15 s of the stethoscope and keeps it in the consultation's record with its site. A clip
 * the platform did not take stays here, with the reason, until the doctor retries: never lost
 * silently. `busy` while recording or saving (the call should not end then).
 */
export function useClipRecording(consultationId: string, listen: Listen) {
  const [recording, setRecording] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [clips, setClips] = useState<AuscultationClipInfo[]>([]);
  const [unsaved, setUnsaved] = useState<{ clip: PendingClip; reason: string } | null>(null);
  const current = useRef<{ recorder: ClipRecorder; site: AuscultationSite; stop: () => void } | null>(null);

  const save = async (clip: PendingClip) => {
    setSaving(true);
    setUnsaved(null);
    const saved = await saveClip(consultationId, clip);
    setSaving(false);
    if (saved.ok) setClips((list) => [...list, saved.value]);
    else setUnsaved({ clip, reason: saved.error });
  };

  /** Ends the recording under way and keeps what it holds, if it is long enough to be a clip. */
  const finish = () => {
    const taking = current.current;
    if (!taking) return;
    current.current = null;
    taking.stop();
    setRecording(null);
    const { recorder, site } = taking;
    if (recorder.seconds < 1) return;
    void save({ site, recordedAt: recorder.startedAt, samples: recorder.clip(), sampleRateHz: recorder.sampleRateHz });
  };

  const record = (site: AuscultationSite) => {
    if (current.current !== null || saving) return;
    const recorder = new ClipRecorder(CLIP_SAMPLE_RATE_HZ, CLIP_SECONDS);
    setRecording(0);
    const stop = listen((samples) => {
      const done = recorder.push(samples);
      setRecording(recorder.seconds);
      if (done) finish();
    });
    current.current = { recorder, site, stop };
  };

  const retry = () => {
    if (unsaved) void save(unsaved.clip);
  };

  // `finish` early: the sound stopped (the kiosk ended it, or dropped) before the 15 s were full.
  return { record, finish, recording, saving, clips, unsaved, retry, busy: recording !== null || saving };
}
