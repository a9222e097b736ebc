import { CLIP_SAMPLE_RATE_HZ } from '../common/auscultation/clip';
import workletUrl from './pcm-tap.worklet.ts?worker&url';

/** The stethoscope's samples as they arrive, at the clips' rate; `close` releases the audio graph. */
export interface StethoscopeTap {
  readonly sampleRateHz: number;
  close(): void;
}

/**
 * Taps the received stethoscope track with Web Audio: resampled to 8 kHz (all a stethoscope gives,
 * see CLIP_SAMPLE_RATE_HZ) and handed over in blocks by an AudioWorklet. The sound the doctor
 * hears is played apart (an <audio> element on the chosen output); this only reads it.
 */
export async function openStethoscopeTap(
  track: MediaStreamTrack,
  onSamples: (samples: Float32Array) => void,
): Promise<StethoscopeTap> {
  const context = new AudioContext({ sampleRate: CLIP_SAMPLE_RATE_HZ });
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const tap = new AudioWorkletNode(context, 'pcm-tap', { numberOfInputs: 1, numberOfOutputs: 0 });
    tap.port.onmessage = (event: MessageEvent<Float32Array>) => onSamples(event.data);
    source.connect(tap);
    // Allowed without a new gesture: the doctor has clicked in the page (sign-in, accept, request).
    await context.resume();
  } catch (error) {
    void context.close();
    throw error;
  }
  return { sampleRateHz: context.sampleRate, close: () => void context.close() };
}
