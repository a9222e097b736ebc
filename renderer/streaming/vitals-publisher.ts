import type { KioskApi } from '../../common/ipc/contract';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { FlowView } from '../../common/flow/flow-view';
import type { VitalsMessage } from '../../common/signaling/vitals';
import type { VitalsChannel } from './media-link';

/** The kiosk API events the publisher listens to (a subset of KioskApi, so tests can fake it). */
export type VitalsSource = Pick<
  KioskApi,
  'onLiveReading' | 'onPlethReceived' | 'onMeasurementRecorded' | 'onDeviceStatusChanged' | 'onFlowChanged'
>;

/** Reliable messages kept while the results channel is not open (a rejoin), oldest dropped first. */
const MAX_PENDING_RESULTS = 50;

type Body<T extends VitalsMessage['type']> = T extends VitalsMessage['type']
  ? Omit<Extract<VitalsMessage, { type: T }>, 'sentAt' | 'seq'>
  : never;

/**
 * Feeds the doctor's vitals panel from the kiosk's device events: live readings and pleth chunks
 * on the lossy channel (dropped while it is not open: stale waveform is useless), recorded
 * measurements, failures and device statuses on the reliable one (kept and sent once it opens).
 */
export class VitalsPublisher {
  private live: VitalsChannel | null = null;
  private results: VitalsChannel | null = null;
  private liveSeq = 0;
  private resultsSeq = 0;
  private readonly pending: Body<'measurement' | 'measurement-failed' | 'devices'>[] = [];
  private readonly devices = new Map<string, DeviceStatus>();
  private readonly unsubscribe: (() => void)[];
  private lastFailure: string | null = null;
  /** Messages sent, by type (the bench and the tests read it). */
  readonly sent = { live: 0, pleth: 0, measurement: 0, 'measurement-failed': 0, devices: 0 };

  constructor(
    source: VitalsSource,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.unsubscribe = [
      source.onLiveReading((reading) => this.sendLive({ type: 'live', reading })),
      source.onPlethReceived((chunk) => this.sendLive({ type: 'pleth', chunk })),
      source.onMeasurementRecorded((measurement) => this.sendResult({ type: 'measurement', measurement })),
      source.onDeviceStatusChanged((status) => {
        this.devices.set(status.deviceId, status);
        this.sendResult({ type: 'devices', devices: [...this.devices.values()] });
      }),
      source.onFlowChanged((view) => this.onFlow(view)),
    ];
  }

  /** Seeds the device list (from listDevices) so the doctor sees it as soon as the channel opens. */
  setDevices(devices: DeviceStatus[]): void {
    for (const status of devices) this.devices.set(status.deviceId, status);
  }

  /** Attaches the channels of a (new) media link; sends the device list and anything pending. */
  attach(live: VitalsChannel | null, results: VitalsChannel | null): void {
    this.live = live;
    this.results = results;
    this.flush();
  }

  /** Called when a channel opens (mediasoup DataProducer 'open'). */
  flush(): void {
    if (this.results?.readyState !== 'open') return;
    if (this.devices.size > 0)
      this.write(this.results, { type: 'devices', devices: [...this.devices.values()] }, 'results');
    while (this.pending.length > 0) this.write(this.results, this.pending.shift()!, 'results');
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
  }

  /** Sends one message on the lossy channel (also used by the bench to time the path). */
  sendLive(body: Body<'live'> | Body<'pleth'>): void {
    if (this.live?.readyState !== 'open') return;
    this.write(this.live, body, 'live');
  }

  private sendResult(body: Body<'measurement' | 'measurement-failed' | 'devices'>) {
    if (this.results?.readyState === 'open') return this.write(this.results, body, 'results');
    if (body.type === 'devices') return; // The latest list is sent on open anyway.
    this.pending.push(body);
    if (this.pending.length > MAX_PENDING_RESULTS) this.pending.shift();
  }

  private onFlow(view: FlowView) {
    const failure =
      view.measurement?.phase === 'failed' ? `${view.measurement.kind}:${view.measurement.failure ?? 'unknown'}` : null;
    if (failure && failure !== this.lastFailure && view.measurement) {
      this.sendResult({
        type: 'measurement-failed',
        kind: view.measurement.kind,
        failure: view.measurement.failure ?? 'unknown',
      });
    }
    this.lastFailure = failure;
  }

  private write(channel: VitalsChannel, body: Body<VitalsMessage['type']>, which: 'live' | 'results') {
    const seq = which === 'live' ? this.liveSeq++ : this.resultsSeq++;
    try {
      channel.send(JSON.stringify({ ...body, sentAt: this.now(), seq }));
      this.sent[body.type] += 1;
    } catch {
      // The channel closed between the check and the send: the next rejoin re-attaches.
    }
  }
}
