import type { AuscultationReport } from '../../common/auscultation/auscultation';
import type { AuscultationSite } from '../../common/auscultation/sites';
import type { MediaInput } from '../../common/devices/media-input';
import type { FlowIntention } from '../../common/flow/flow-intention';
import { openStethoscope, type MediaDevicesLike } from './stethoscope-input';

/** What the sender needs of the call's current media link (MediaLink). */
export interface StethoscopeLink {
  produceStethoscope(track: MediaStreamTrack): Promise<void>;
  closeStethoscope(): Promise<void>;
}

export interface StethoscopeSenderOptions {
  /** The configured stethoscope(s) and their labels (kiosk API listMediaInputs); the first is used. */
  inputs: readonly MediaInput[];
  media: MediaDevicesLike;
  flowSend(intention: FlowIntention): void;
  /** Tells the doctor (report-auscultation); a failure to tell is not the patient's problem. */
  report(report: AuscultationReport): Promise<void>;
}

/**
 * The stethoscope during a call: opened on the doctor's request, sent as its own producer on the
 * current media link (again on the next one after a rejoin), stopped when the doctor ends the
 * auscultation, asks for something else, or the call ends. Each step is told to the flow (the
 * patient's screen) and to the doctor only once it happened.
 */
export class StethoscopeSender {
  private track: MediaStreamTrack | null = null;
  private site: AuscultationSite | null = null;
  private link: StethoscopeLink | null = null;
  /** Requests are handled one after the other: a second site while the first opens waits for it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: StethoscopeSenderOptions) {}

  /** The doctor asked for `site` (a first request, or the chest piece to move). */
  request(site: AuscultationSite): Promise<void> {
    this.options.flowSend({ type: 'DOCTOR_REQUESTED_AUSCULTATION', site });
    return this.serial(() => this.start(site));
  }

  /** The doctor is done: stop sending and tell the patient's screen. */
  endByDoctor(): Promise<void> {
    this.options.flowSend({ type: 'DOCTOR_ENDED_AUSCULTATION' });
    return this.serial(() => this.halt());
  }

  /** Something else replaces the auscultation (a measurement, the end of the call): stop sending. */
  stop(): Promise<void> {
    return this.serial(() => this.halt());
  }

  /** The call's media link changed (started, or rebuilt after a rejoin); null while there is none. */
  attach(link: StethoscopeLink | null): Promise<void> {
    this.link = link;
    return this.serial(async () => {
      if (link === null || this.track === null || this.site === null) return;
      await this.send(this.site, this.track);
    });
  }

  get sending(): boolean {
    return this.track !== null;
  }

  private serial(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async halt() {
    const site = this.site;
    this.site = null;
    const track = this.track;
    this.track = null;
    if (track === null) return;
    await this.link?.closeStethoscope();
    track.stop();
    if (site !== null) await this.options.report({ state: 'ended', site }).catch(() => {});
  }

  private async start(site: AuscultationSite) {
    this.site = site;
    if (this.track === null || this.track.readyState === 'ended') {
      const input = this.options.inputs[0];
      const opened = input ? await openStethoscope(input, this.options.media) : null;
      if (opened === null || !opened.ok) {
        const failure = opened?.error ?? 'stethoscope-not-found';
        this.site = null;
        this.options.flowSend({ type: 'AUSCULTATION_FAILED', failure });
        await this.options.report({ state: 'failed', site, failure }).catch(() => {});
        return;
      }
      this.track = opened.value;
    }
    if (this.link !== null) await this.send(site, this.track);
  }

  /** Produces the track on the link (a no-op when it already does) and says so. */
  private async send(site: AuscultationSite, track: MediaStreamTrack) {
    try {
      await this.link!.produceStethoscope(track);
    } catch {
      this.site = null;
      this.track = null;
      track.stop();
      this.options.flowSend({ type: 'AUSCULTATION_FAILED', failure: 'send-failed' });
      await this.options.report({ state: 'failed', site, failure: 'send-failed' }).catch(() => {});
      return;
    }
    this.options.flowSend({ type: 'AUSCULTATION_STREAMING' });
    await this.options.report({ state: 'listening', site }).catch(() => {});
  }
}
