import { UNUSABLE_FLAGS } from '../../common/devices/measurement';
import { catalogueEntry, isDeviceModelId, type DeviceModelId } from '../catalogue/device-catalogue';
import type { DecodedFrame } from '../protocols/types';
import type { DeviceReading } from './device';
import { SerialDevice, type SerialDeviceConfig, type SerialDeviceDeps, type SerialModel } from './serial-device';
import { DEFAULT_SPOT_CHECK, SpotCheck, type SpotCheckOptions } from './spot-check';

export interface OximeterOptions {
  spotCheck: SpotCheckOptions;
  /** Without a valid frame for this long after opening, try the next candidate protocol (ms). */
  detectMs: number;
  /** Without a good frame for this long while streaming: status error no-data/unreadable-data (ms). */
  silenceMs: number;
  /** Pleth samples are sent in chunks of about this duration (ms). */
  plethChunkMs: number;
}

/** One oximeter model the driver can speak on the port, with its stream's timing. */
interface OximeterModel extends SerialModel {
  readonly plethRateHz: number;
  readonly framePeriodMs: number;
}

/**
 * The models tried in order when opening: the configured one, then its catalogue fallback (a V7
 * Contec is probed with its start command first and, when no V7 frame comes, the legacy 19200-8O1
 * stream is tried: older firmware behind the same cable). Empty when the model is no oximeter.
 */
function candidatesFor(model: DeviceModelId): OximeterModel[] {
  const entry = catalogueEntry(model);
  if (entry.kind !== 'oximeter') return [];
  const asCandidate = (e: typeof entry): OximeterModel => ({ ...e, line: e.transport.line });
  const fallback =
    entry.fallbackModel !== null && isDeviceModelId(entry.fallbackModel) ? catalogueEntry(entry.fallbackModel) : null;
  return [asCandidate(entry), ...(fallback?.kind === 'oximeter' ? [asCandidate(fallback)] : [])];
}

type OximetryFrame = Extract<DecodedFrame, { type: 'oximetry' }>;

/**
 * A streaming pulse oximeter on a serial line: opens the port with the protocol's settings,
 * starts the stream and keeps it alive, auto-detects Contec V7 vs legacy, emits live readings and
 * the pleth, and on `startMeasurement` runs the spot check (SpotCheck) to a final reading or a
 * `measurementFailed` with the reason.
 */
export class Oximeter extends SerialDevice<OximeterModel> {
  private readonly options: OximeterOptions;
  private readonly candidates: OximeterModel[];
  private candidateIndex = 0;
  /** The candidate that last produced frames; tried first on reconnect. */
  private detected: OximeterModel | null = null;
  private openedAt = 0;
  private lastStartAt = 0;
  private keepAliveTimer: unknown = null;
  private spotCheck: SpotCheck | null = null;
  private pleth: { startedAt: number; samples: number[] } | null = null;
  private closing = false;
  /** Good frames, and bytes in good and bad frames, on the current port since it opened or last went wrong. */
  private recent = { good: 0, goodBytes: 0, errorBytes: 0 };
  private opening: Promise<void> | null = null;

  constructor(config: SerialDeviceConfig, deps: SerialDeviceDeps, options: Partial<OximeterOptions> = {}) {
    const full: OximeterOptions = {
      spotCheck: DEFAULT_SPOT_CHECK,
      detectMs: 2_500,
      silenceMs: 3_000,
      plethChunkMs: 100,
      ...options,
    };
    const candidates = candidatesFor(config.model);
    const minimum = 3 * (candidates[0]?.framePeriodMs ?? 100);
    full.silenceMs = Math.max(full.silenceMs, minimum);
    full.detectMs = Math.max(full.detectMs, minimum);
    super(config, deps, full.silenceMs);
    this.options = full;
    this.candidates = candidates;
  }

  async open(): Promise<void> {
    this.opening ??= this.doOpen().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async doOpen(): Promise<void> {
    this.closing = false;
    if (this.candidates.length === 0) {
      this.setStatus('error', 'no-protocol', `model ${this.model} is not an oximeter of the device catalogue`);
      return;
    }
    this.markConnecting();
    await this.closePort();
    if (this.detected !== null) this.candidateIndex = Math.max(0, this.candidates.indexOf(this.detected));
    await this.openCandidate(true);
  }

  private async openCandidate(fresh: boolean): Promise<void> {
    const candidate = this.candidates[this.candidateIndex] ?? this.candidates[0];
    if (candidate === undefined) return;
    this.recent = { good: 0, goodBytes: 0, errorBytes: 0 };
    if (!(await this.openPort(candidate, fresh))) return;
    if (this.closing) return;
    this.openedAt = this.deps.clock.now();
    await this.sendStart(this.openedAt);
    this.armKeepAlive();
  }

  private async sendStart(now: number): Promise<void> {
    this.lastStartAt = now;
    const start = this.protocol?.startCommand;
    if (start) await this.writeQuietly(start, 'start command');
  }

  private armKeepAlive(): void {
    const keepAlive = this.protocol?.keepAlive;
    if (!keepAlive) return;
    const generation = this.generation;
    const send = () => {
      if (generation !== this.generation) return;
      void this.writeQuietly(keepAlive.bytes, 'keep-alive');
      this.keepAliveTimer = this.deps.clock.setTimeout(send, keepAlive.intervalMs);
    };
    this.keepAliveTimer = this.deps.clock.setTimeout(send, keepAlive.intervalMs);
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer !== null) this.deps.clock.clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = null;
  }

  protected override onFrame(frame: DecodedFrame, now: number): void {
    // Garbage can decode as the odd frame (the legacy format has no checksum): the line counts as
    // connected after a few good frames that clearly outnumber the errors.
    if (frame.type === 'error') {
      this.recent.errorBytes += frame.raw.length;
      return;
    }
    this.recent.good += 1;
    this.recent.goodBytes += frame.raw.length;
    if (this.currentStatus.state !== 'connected') {
      if (this.recent.good < 3 || this.recent.goodBytes < 2 * this.recent.errorBytes) return;
      if (frame.type === 'oximetry') this.detected = this.current;
      this.setStatus('connected');
    }
    if (frame.type !== 'oximetry') return;
    this.handleReading(frame, now);
  }

  private handleReading(frame: OximetryFrame, now: number): void {
    this.addPleth(frame.pleth, now);
    let progress: number | null = null;
    const check = this.spotCheck;
    if (check !== null) {
      const outcome = check.sample(now, frame.spo2, frame.pulseRate, frame.perfusionIndex, frame.flags);
      if (outcome.type === 'progress') progress = outcome.progress;
      else if (outcome.type === 'failed') {
        this.spotCheck = null;
        this.emit('measurementFailed', { code: outcome.code });
      } else {
        this.spotCheck = null;
        progress = 1;
        this.emitReading(
          {
            ...frame,
            spo2: outcome.spo2,
            pulseRate: outcome.pulseRate,
            perfusionIndex: outcome.perfusionIndex,
            flags: outcome.flags,
            valid: true,
            pleth: [],
          },
          now,
          true,
          1,
        );
        return;
      }
    }
    this.emitReading(frame, now, false, progress);
  }

  private emitReading(frame: OximetryFrame, now: number, final: boolean, progress: number | null): void {
    const valid = frame.valid && !frame.flags.some((f) => UNUSABLE_FLAGS.has(f));
    const reading: DeviceReading = {
      ...frame,
      spo2: valid ? frame.spo2 : null,
      pulseRate: valid ? frame.pulseRate : null,
      perfusionIndex: valid ? frame.perfusionIndex : null,
      valid,
      final,
      takenAt: new Date(now).toISOString(),
      progress,
    };
    this.emit('readingReceived', reading);
  }

  private addPleth(samples: number[], now: number): void {
    if (samples.length === 0) return;
    const rateHz = (this.current ?? this.candidates[0])?.plethRateHz ?? 60;
    const pleth = (this.pleth ??= { startedAt: now - (samples.length - 1) * (1000 / rateHz), samples: [] });
    for (const s of samples) pleth.samples.push(Math.min(100, Math.max(0, s)));
    if (pleth.samples.length * (1000 / rateHz) >= this.options.plethChunkMs) {
      this.pleth = null;
      const { startedAt, samples: chunk } = pleth;
      this.emit('plethReceived', { deviceId: this.id, rateHz, startedAt, receivedAt: now, samples: chunk });
    }
  }

  protected override onTick(now: number): void {
    const outcome = this.spotCheck?.idle(now);
    if (outcome?.type === 'failed') {
      this.spotCheck = null;
      this.emit('measurementFailed', { code: now - this.lastGoodFrameAt >= this.silenceMs ? 'timeout' : outcome.code });
    }
    const sinceGood = now - this.lastGoodFrameAt;
    if (this.detected !== this.current || this.currentStatus.state !== 'connected') {
      // Still probing: after detectMs without a frame, move to the next candidate protocol.
      if (sinceGood >= this.options.detectMs && now - this.openedAt >= this.options.detectMs && !this.closing) {
        if (this.candidates.length > 1) {
          this.candidateIndex = (this.candidateIndex + 1) % this.candidates.length;
          this.checkSilence(now);
          void this.switchCandidate();
          return;
        }
        if (now - this.lastStartAt >= this.options.detectMs) void this.sendStart(now);
      }
    }
    if (this.checkSilence(now)) this.recent = { good: 0, goodBytes: 0, errorBytes: 0 };
    if (this.currentStatus.state !== 'connected' && now - this.lastStartAt >= this.options.detectMs) {
      // A device that stopped streaming (missed keep-alive, power cycle) may need the start again.
      void this.sendStart(now);
    }
  }

  private async switchCandidate(): Promise<void> {
    this.stopKeepAlive();
    await this.closePort();
    if (this.closing) return;
    this.deps.logger.info(`${this.id}: probing ${this.candidates[this.candidateIndex]?.id ?? '?'}`);
    await this.openCandidate(false);
  }

  protected override onPortLost(): void {
    this.stopKeepAlive();
    this.pleth = null;
    if (this.spotCheck !== null) {
      this.spotCheck = null;
      this.emit('measurementFailed', { code: 'device-unplugged' });
    }
  }

  override async close(): Promise<void> {
    this.closing = true;
    await super.close();
  }

  async startMeasurement(): Promise<void> {
    this.spotCheck = new SpotCheck(this.options.spotCheck, this.deps.clock.now());
  }

  async cancelMeasurement(): Promise<void> {
    this.spotCheck = null;
  }
}
