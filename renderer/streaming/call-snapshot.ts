import type { QueueWait } from '../../common/routing/queue-wait';
import type { DoctorInfo } from '../../common/signaling/messages';

/**
 * Where the call is, as the screens show it:
 * - `starting`: opening the camera and the platform connection;
 * - `waiting`: in the queue (see `queue`);
 * - `connecting`: a doctor accepted, media is being set up;
 * - `connected`: both ways up (video, or audio only when `audioOnly`);
 * - `reconnecting`: the network dropped; the session retries by itself (see `attempt`);
 * - `ended`: the doctor ended it (or it was lost for good); `prescription` may be set;
 * - `failed`: could not start (no ticket, platform refused) — `error` says why.
 * While `connecting` or `reconnecting`, `error` is 'media-unreachable' once the media could not
 * connect in time (CallSession's MEDIA_UNREACHABLE_AFTER_MS: the video service cannot be reached from the cabin).
 */
export type CallState = 'starting' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';

export interface CallSnapshot {
  state: CallState;
  /** The patient's own camera and microphone (for the preview), once opened. */
  localStream: MediaStream | null;
  /** The doctor's audio and video as one stream; null until the doctor's media arrives. */
  remoteStream: MediaStream | null;
  queue: { position: number; wait: QueueWait } | null;
  doctor: DoctorInfo | null;
  /** Video cannot pass (no camera, or too little bandwidth): the call goes on with sound only. */
  audioOnly: boolean;
  /** The doctor's side is reconnecting (their network or a console reload). */
  doctorReconnecting: boolean;
  /** Reconnection attempts since the cut (0 when connected). */
  attempt: number;
  error: string | null;
  /** The ticket whose kept place this session took (the pharmacist brought the patient back), else null. */
  resumedTicket: number | null;
}

/** A call before anything happened (also what the screens show before a session exists). */
export const INITIAL_CALL_SNAPSHOT: CallSnapshot = {
  state: 'starting',
  localStream: null,
  remoteStream: null,
  queue: null,
  doctor: null,
  audioOnly: false,
  doctorReconnecting: false,
  attempt: 0,
  error: null,
  resumedTicket: null,
};
