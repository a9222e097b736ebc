import type { KioskEvent, KioskMethods, ParamsOf } from '../../common/signaling/messages';
import type { MediaInput } from '../../common/devices/media-input';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { ExamCameraSender, type ExamCameraLink } from './exam-camera-sender';
import { StethoscopeSender, type StethoscopeLink } from './stethoscope-sender';
import type { MediaDevicesLike } from './stethoscope-input';

/** The doctor's requests the examination devices answer, and the measurement that puts them down. */
export type DoctorRequest = Extract<
  KioskEvent,
  {
    type:
      | 'measurement-requested'
      | 'auscultation-requested'
      | 'auscultation-ended'
      | 'exam-camera-requested'
      | 'exam-camera-ended';
  }
>;

/**
 * The devices the call itself captures on the doctor's request: the stethoscope and the
 * examination camera. One at a time in the patient's hands: asking for one (or for a measurement)
 * stops the other.
 */
export class ExamDevices {
  private readonly stethoscope: StethoscopeSender;
  private readonly camera: ExamCameraSender;

  constructor(options: {
    inputs: readonly MediaInput[];
    media: MediaDevicesLike;
    flowSend(intention: FlowIntention): void;
    report<M extends 'report-auscultation' | 'report-exam-camera'>(
      method: M,
      params: ParamsOf<KioskMethods, M>,
    ): Promise<void>;
  }) {
    const { inputs, media, flowSend } = options;
    const stethoscopes = inputs.filter((i) => i.kind === 'stethoscope');
    this.stethoscope = new StethoscopeSender({
      inputs: stethoscopes,
      media,
      flowSend,
      report: (report) => options.report('report-auscultation', { report }),
    });
    this.camera = new ExamCameraSender({
      inputs,
      media,
      flowSend,
      report: (report) => options.report('report-exam-camera', { report }),
    });
  }

  async onDoctorRequest(event: DoctorRequest, flowSend: (intention: FlowIntention) => void): Promise<void> {
    switch (event.type) {
      case 'auscultation-requested':
        await this.camera.stop();
        return this.stethoscope.request(event.site);
      case 'auscultation-ended':
        return this.stethoscope.endByDoctor();
      case 'exam-camera-requested':
        await this.stethoscope.stop();
        return this.camera.request();
      case 'exam-camera-ended':
        return this.camera.endByDoctor();
      case 'measurement-requested':
        flowSend({ type: 'DOCTOR_REQUESTED_MEASUREMENT', kind: event.kind });
        // The patient puts the stethoscope or the camera down for the other device.
        await Promise.all([this.stethoscope.stop(), this.camera.stop()]);
    }
  }

  /** The call's media link changed (started, or rebuilt after a rejoin); null while there is none. */
  async attach(link: (StethoscopeLink & ExamCameraLink) | null): Promise<void> {
    await Promise.all([this.stethoscope.attach(link), this.camera.attach(link)]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.stethoscope.stop(), this.camera.stop()]);
  }
}
