import type { ExamCameraReport } from '../../common/exam-camera/exam-camera';
import type { MediaInput } from '../../common/devices/media-input';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { openExamCamera } from './exam-camera-input';
import type { MediaDevicesLike } from './stethoscope-input';

/** What the sender needs of the call's current media link (MediaLink). */
export interface ExamCameraLink {
  produceExamCamera(track: MediaStreamTrack): Promise<void>;
  closeExamCamera(): Promise<void>;
}

export interface ExamCameraSenderOptions {
  /** The configured inputs (kiosk API listMediaInputs); the first examination camera is used. */
  inputs: readonly MediaInput[];
  media: MediaDevicesLike;
  flowSend(intention: FlowIntention): void;
  /** Tells the doctor (report-exam-camera); a failure to tell is not the patient's problem. */
  report(report: ExamCameraReport): Promise<void>;
}

/**
 * The examination camera during a call: opened on the doctor's request, sent as its own producer
 * on the current media link (again on the next one after a rejoin), stopped when the doctor ends
 * it, asks for something else, or the call ends. Each step is told to the flow (the patient's
 * screen) and to the doctor only once it happened; the size told is the one the track has.
 */
export class ExamCameraSender {
  private track: MediaStreamTrack | null = null;
  private wanted = false;
  private link: ExamCameraLink | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ExamCameraSenderOptions) {}

  /** The doctor asked for the camera (again, if already sending: nothing changes). */
  request(): Promise<void> {
    this.options.flowSend({ type: 'DOCTOR_REQUESTED_EXAM_CAMERA' });
    return this.serial(() => this.start());
  }

  /** The doctor is done: stop sending and tell the patient's screen. */
  endByDoctor(): Promise<void> {
    this.options.flowSend({ type: 'DOCTOR_ENDED_EXAM_CAMERA' });
    return this.serial(() => this.halt());
  }

  /** Something else replaces it (a measurement, the stethoscope, the end of the call): stop sending. */
  stop(): Promise<void> {
    return this.serial(() => this.halt());
  }

  /** The call's media link changed (started, or rebuilt after a rejoin); null while there is none. */
  attach(link: ExamCameraLink | null): Promise<void> {
    this.link = link;
    return this.serial(async () => {
      if (link !== null && this.track !== null && this.wanted) await this.send(this.track);
    });
  }

  private serial(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async halt() {
    this.wanted = false;
    const track = this.track;
    this.track = null;
    if (track === null) return;
    await this.link?.closeExamCamera();
    track.stop();
    await this.options.report({ state: 'ended' }).catch(() => {});
  }

  private async start() {
    this.wanted = true;
    if (this.track === null || this.track.readyState === 'ended') {
      const input = this.options.inputs.find((i) => i.kind === 'exam-camera');
      const opened = input ? await openExamCamera(input, this.options.media) : null;
      if (opened === null || !opened.ok) {
        const failure = opened?.error ?? 'camera-not-found';
        this.wanted = false;
        this.options.flowSend({ type: 'EXAM_CAMERA_FAILED', failure });
        await this.options.report({ state: 'failed', failure }).catch(() => {});
        return;
      }
      this.track = opened.value;
    }
    if (this.link !== null) await this.send(this.track);
  }

  /** Produces the track on the link (a no-op when it already does) and says so, with its size. */
  private async send(track: MediaStreamTrack) {
    try {
      await this.link!.produceExamCamera(track);
    } catch {
      this.wanted = false;
      this.track = null;
      track.stop();
      this.options.flowSend({ type: 'EXAM_CAMERA_FAILED', failure: 'send-failed' });
      await this.options.report({ state: 'failed', failure: 'send-failed' }).catch(() => {});
      return;
    }
    const { width = 0, height = 0 } = track.getSettings();
    this.options.flowSend({ type: 'EXAM_CAMERA_STREAMING' });
    if (width > 0 && height > 0) await this.options.report({ state: 'streaming', width, height }).catch(() => {});
  }
}
