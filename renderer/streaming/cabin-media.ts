import { matchMediaInput, type MediaInput } from '../../common/devices/media-input';
import type { MediaDevicesLike } from './stethoscope-input';

/** The cabin camera as the call sends it: the patient's face, small enough for any link. */
export const CABIN_VIDEO = { width: 640, height: 480, frameRate: 24 } as const satisfies MediaTrackConstraints;

/** The browser's aliases of the system default input: they may stand for any device, the stethoscope too. */
const ALIASES = new Set(['default', 'communications']);

export interface CabinMedia {
  stream: MediaStream;
  /** No camera could be opened: the call goes on with the microphone alone. */
  audioOnly: boolean;
}

/**
 * Opens the cabin's own camera and microphone for the call, never an examination device: the
 * system's default input can be the otoscope or the stethoscope (plugged in last, or first in the
 * list), and the patient would then see the doctor through an ear camera and be heard through the
 * chest piece. The default is opened first (labels show only once the page may use the devices),
 * and a track that is an examination device is swapped for another input of its kind; when it is
 * the only one, it is kept, since a call with it is better than no call.
 */
export async function openCabinMedia(media: MediaDevicesLike, examInputs: readonly MediaInput[]): Promise<CabinMedia> {
  const opened = await media.getUserMedia({ audio: true, video: CABIN_VIDEO }).then(
    (stream) => ({ stream, audioOnly: false }),
    async () => ({ stream: await media.getUserMedia({ audio: true, video: false }), audioOnly: true }),
  );
  if (examInputs.length === 0) return opened;
  const infos = await media.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
  for (const track of opened.stream.getTracks()) {
    const replacement = await cabinReplacement(track, infos, examInputs, media);
    if (replacement === null) continue;
    opened.stream.removeTrack(track);
    track.stop();
    opened.stream.addTrack(replacement);
  }
  return opened;
}

/** Another input for `track` when it is an examination device, opened; null to keep `track`. */
async function cabinReplacement(
  track: MediaStreamTrack,
  infos: readonly MediaDeviceInfo[],
  examInputs: readonly MediaInput[],
  media: MediaDevicesLike,
): Promise<MediaStreamTrack | null> {
  const video = track.kind === 'video';
  const taken = examInputs.filter((input) => input.kind === (video ? 'exam-camera' : 'stethoscope'));
  const isExamDevice = (device: { label: string }) => taken.some((input) => matchMediaInput(input, [device]));
  if (!isExamDevice(track)) return null;
  const other = infos.find(
    (info) =>
      info.kind === (video ? 'videoinput' : 'audioinput') &&
      !ALIASES.has(info.deviceId) &&
      info.label !== '' &&
      !isExamDevice(info),
  );
  if (other === undefined) return null;
  const deviceId = { exact: other.deviceId };
  const stream = await media
    .getUserMedia(video ? { video: { deviceId, ...CABIN_VIDEO } } : { audio: { deviceId } })
    .catch(() => null);
  return stream?.getTracks()[0] ?? null;
}
