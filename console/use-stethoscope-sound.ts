import { useEffect, useRef, useState } from 'react';
import { CLIP_SAMPLE_RATE_HZ } from '../common/auscultation/clip';
import { PhonocardiogramBuffer } from './phonocardiogram';
import { openStethoscopeTap } from './stethoscope-tap';

/**
 * The received stethoscope's samples: kept for the phonocardiogram (the last 4 s) and handed to
 * whoever listens (the clip recorder). `received` counts the samples, so a view redraws when it
 * changes; `error` says why the tap could not open (the sound still plays).
 */
export function useStethoscopeSound(track: MediaStreamTrack | null) {
  const pcg = useRef(new PhonocardiogramBuffer(CLIP_SAMPLE_RATE_HZ));
  const listeners = useRef(new Set<(samples: Float32Array) => void>());
  const [received, setReceived] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (track === null) return;
    let closed = false;
    let close = () => {};
    openStethoscopeTap(track, (samples) => {
      pcg.current.push(samples);
      for (const listener of listeners.current) listener(samples);
      setReceived(pcg.current.received);
    }).then(
      (tap) => {
        if (closed) tap.close();
        else close = () => tap.close();
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      closed = true;
      close();
    };
  }, [track]);

  const listen = (listener: (samples: Float32Array) => void) => {
    listeners.current.add(listener);
    return () => listeners.current.delete(listener);
  };
  return { pcg: pcg.current, received, error, listen };
}
