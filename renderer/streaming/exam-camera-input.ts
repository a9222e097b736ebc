import type { ExamCameraFailure } from '../../common/exam-camera/exam-camera';
import { matchMediaInput, type MediaInput } from '../../common/devices/media-input';
import { err, ok, type Result } from '../../common/util/result';
import type { MediaDevicesLike } from './stethoscope-input';

/**
 * The examination camera as captured: the largest size it gives (`ideal` lets the browser pick
 * its native mode, 720p, 1080p or 4K, rather than the 640×480 default), at a modest frame rate,
 * since the doctor looks at detail in an ear or on skin rather than at motion.
 */
export const EXAM_CAMERA_CAPTURE = {
  width: { ideal: 3840 },
  height: { ideal: 2160 },
  frameRate: { ideal: 15 },
} as const satisfies MediaTrackConstraints;

/**
 * How it is sent: at its full size whatever the link (WebRTC would otherwise scale a video down
 * first when bandwidth is short; `detail` makes it drop frames instead), up to 2.5 Mbit/s.
 */
export const EXAM_CAMERA_ENCODING = { maxBitrate: 2_500_000, scaleResolutionDownBy: 1 } as const;

/**
 * Opens the configured examination camera: the video input whose label matches the device's
 * (labels show once the page may use the camera, which the call already opened). The failure says
 * which step went wrong.
 */
export async function openExamCamera(
  input: MediaInput,
  media: MediaDevicesLike,
): Promise<Result<MediaStreamTrack, ExamCameraFailure>> {
  let inputs: MediaDeviceInfo[];
  try {
    inputs = (await media.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  } catch {
    return err('camera-not-found');
  }
  const match = matchMediaInput(input, inputs);
  if (match === undefined) return err('camera-not-found');
  try {
    const stream = await media.getUserMedia({ video: { deviceId: { exact: match.deviceId }, ...EXAM_CAMERA_CAPTURE } });
    const track = stream.getVideoTracks()[0];
    if (!track) return err('camera-refused');
    track.contentHint = 'detail';
    return ok(track);
  } catch {
    return err('camera-refused');
  }
}
