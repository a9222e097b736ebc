import type { types } from 'mediasoup-client';
import type { AuscultationFailure } from '../../common/auscultation/auscultation';
import { matchMediaInput, type MediaInput } from '../../common/devices/media-input';
import { err, ok, type Result } from '../../common/util/result';

/**
 * The stethoscope as captured: every processing meant for a voice is off. Echo cancellation and
 * noise suppression take a heart's low, steady sound for noise to remove, automatic gain pumps
 * between beats, and their high-pass filter cuts under ~80 Hz, where S1 and S2 lie.
 */
export const STETHOSCOPE_CAPTURE = {
  echoCancellation: false,
  noiseSuppression: false,
  autoGainControl: false,
  channelCount: 1,
} as const satisfies MediaTrackConstraints;

/**
 * Opus as the stethoscope is sent: stereo (the same mono content in both channels), because WebRTC
 * runs libopus in its VoIP mode for mono, whose high-pass filter cut 15.6 dB at 25 Hz and 7.9 dB at
 * 40 Hz in this Chromium, where S3/S4 gallops lie; stereo runs its audio mode (under 0.1 dB lost).
 * 64 kbit/s (the voice default, 32 kbit/s, thins the low end), and no DTX, which would stop
 * sending in the quiet between two beats.
 */
export const STETHOSCOPE_OPUS = {
  opusStereo: true,
  opusDtx: false,
  opusMaxAverageBitrate: 64_000,
} as const satisfies types.ProducerCodecOptions;

export type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'>;

/**
 * Opens the configured stethoscope: the audio input whose label matches the device's (labels show
 * once the page may use the microphone, which the call already opened). The failure says which
 * step went wrong.
 */
export async function openStethoscope(
  input: MediaInput,
  media: MediaDevicesLike,
): Promise<Result<MediaStreamTrack, AuscultationFailure>> {
  let inputs: MediaDeviceInfo[];
  try {
    inputs = (await media.enumerateDevices()).filter((d) => d.kind === 'audioinput');
  } catch {
    return err('stethoscope-not-found');
  }
  const match = matchMediaInput(input, inputs);
  if (match === undefined) return err('stethoscope-not-found');
  try {
    const stream = await media.getUserMedia({ audio: { deviceId: { exact: match.deviceId }, ...STETHOSCOPE_CAPTURE } });
    const track = stream.getAudioTracks()[0];
    if (!track) return err('stethoscope-refused');
    return ok(track);
  } catch {
    return err('stethoscope-refused');
  }
}
