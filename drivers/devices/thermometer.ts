import { UNUSABLE_FLAGS, type QualityFlag } from '../../common/devices/measurement';
import { catalogueEntry } from '../catalogue/device-catalogue';
import type { DecodedFrame } from '../protocols/types';
import { CommandQueue, CommandTimeoutError } from '../transport/serial/command-queue';
import type { DeviceReading } from './device';
import { SerialDevice, type SerialDeviceConfig, type SerialDeviceDeps, type SerialModel } from './serial-device';
import { failureReason } from './spot-check';

export interface ThermometerOptions {
  /** The same unusable flag (probe error, …) for this long fails the measurement (ms). */
  failAfterMs: number;
  /** No final reading after this long fails the measurement with 'timeout' (ms). */
  timeoutMs: number;
}

type TemperatureFrame = Extract<DecodedFrame, { type: 'temperature' }>;

/**
 * A command/response thermometer (Welch Allyn SureTemp Plus): polls the temperature record through
 * the command queue (one request in flight, named timeout), emits the probe temperature live and,
 * during a measurement, the device's final (predicted) reading — or `measurementFailed` with the
 * reason (probe error, …, timeout).
 */
export class Thermometer extends SerialDevice {
  private readonly options: ThermometerOptions;
  /** The configured model as the catalogue describes it; null when it is no thermometer. */
  private readonly serialModel: SerialModel | null;
  private queue: CommandQueue<DecodedFrame> | null = null;
  private pollTimer: unknown = null;
  /** `sawLive`: a live (non-final) record came during this measurement, so a final one is new. */
  private measurement: {
    startedAt: number;
    badSince: number | null;
    lastFlags: QualityFlag[];
    sawLive: boolean;
  } | null = null;
  /** The last poll that got no answer, named in the no-response status. */
  private lastTimeout: CommandTimeoutError | null = null;

  constructor(config: SerialDeviceConfig, deps: SerialDeviceDeps, options: Partial<ThermometerOptions> = {}) {
    const entry = catalogueEntry(config.model);
    const model = entry.kind === 'thermometer' ? { ...entry, line: entry.transport.line } : null;
    const poll = model?.protocol.poll;
    // Silence is judged against the poll: three unanswered polls.
    super(config, deps, poll ? poll.intervalMs + 3 * poll.timeoutMs : 3_000);
    this.options = { failAfterMs: 10_000, timeoutMs: 90_000, ...options };
    this.serialModel = model;
  }

  async open(): Promise<void> {
    const model = this.serialModel;
    if (model === null) {
      this.setStatus('error', 'no-protocol', `model ${this.model} is not a thermometer of the device catalogue`);
      return;
    }
    const protocol = model.protocol;
    this.markConnecting();
    await this.closePort();
    if (!(await this.openPort(model))) return;
    const port = this.port;
    if (port === null) return;
    const queue = new CommandQueue<DecodedFrame>((bytes) => port.write(bytes), this.deps.clock, this.config.port);
    this.queue = queue;
    // Queued, not awaited: open() resolves once the port is open; the polls wait their turn and
    // the status follows the answers.
    if (protocol.startCommand) {
      queue
        .send({
          name: 'start',
          bytes: protocol.startCommand,
          timeoutMs: protocol.poll?.timeoutMs ?? 1_000,
          matches: (f) => f.type !== 'error',
        })
        .catch((error: unknown) => this.deps.logger.warn(`${this.id}: ${(error as Error).message}`));
    }
    this.schedulePoll(0);
  }

  private schedulePoll(delayMs: number): void {
    const poll = this.serialModel?.protocol.poll;
    const queue = this.queue;
    if (!poll || queue === null) return;
    const generation = this.generation;
    this.pollTimer = this.deps.clock.setTimeout(() => {
      if (generation !== this.generation) return;
      queue
        .send({
          name: 'read temperature record',
          bytes: poll.request,
          timeoutMs: poll.timeoutMs,
          matches: (f) => f.type === 'temperature' || f.type === 'status',
        })
        .then(
          () => undefined,
          (error: unknown) => {
            if (generation !== this.generation) return;
            // A timeout is normal once in a while; the watchdog reports a device that stays mute.
            if (error instanceof CommandTimeoutError) {
              this.lastTimeout = error;
              this.deps.logger.debug(`${this.id}: ${error.message}`);
            } else this.deps.logger.warn(`${this.id}: ${(error as Error).message}`);
          },
        )
        .finally(() => {
          if (generation === this.generation) this.schedulePoll(poll.intervalMs);
        });
    }, delayMs);
  }

  protected override onFrame(frame: DecodedFrame, now: number): void {
    this.queue?.offer(frame);
    if (frame.type === 'error') return;
    this.setStatus('connected');
    if (frame.type === 'temperature') this.handleTemperature(frame, now);
  }

  private handleTemperature(frame: TemperatureFrame, now: number): void {
    const unusable = !frame.valid || frame.flags.some((f) => UNUSABLE_FLAGS.has(f));
    const m = this.measurement;
    if (m !== null) {
      if (!frame.final) m.sawLive = true;
      if (unusable) {
        m.badSince ??= now;
        m.lastFlags = [...frame.flags];
        const code = failureReason(frame.flags) ?? 'probe-error';
        if (now - m.badSince >= this.options.failAfterMs) return this.fail(code);
      } else m.badSince = null;
      // A final value already on display when the measurement started belongs to the previous one.
      if (frame.final && !unusable && frame.celsius !== null && m.sawLive) {
        this.measurement = null;
        this.emitReading(frame, now, true);
        return;
      }
      if (now - m.startedAt >= this.options.timeoutMs) return this.fail(failureReason(m.lastFlags) ?? 'timeout');
    }
    // Outside a measurement a final value is still shown live (the patient sees the display).
    this.emitReading({ ...frame }, now, false);
  }

  private emitReading(frame: TemperatureFrame, now: number, final: boolean): void {
    const valid = frame.valid && !frame.flags.some((f) => UNUSABLE_FLAGS.has(f));
    const reading: DeviceReading = {
      ...frame,
      celsius: valid ? frame.celsius : null,
      valid,
      final,
      takenAt: new Date(now).toISOString(),
      progress: null,
    };
    this.emit('readingReceived', reading);
  }

  private fail(code: string): void {
    this.measurement = null;
    this.emit('measurementFailed', { code });
  }

  protected override onTick(now: number): void {
    const m = this.measurement;
    if (m !== null && now - m.startedAt >= this.options.timeoutMs) this.fail(failureReason(m.lastFlags) ?? 'timeout');
    const sinceGood = now - this.lastGoodFrameAt;
    if (sinceGood < this.silenceMs) return;
    // Undecodable answers point at the line (baud, model); no answer at all is a mute device.
    if (this.errorsSinceGood === 0 && this.lastTimeout !== null) {
      this.setStatus(
        'error',
        'no-response',
        `${this.lastTimeout.message}; no valid answer for ${sinceGood} ms: device off, or not a ${this.model}?`,
      );
    } else this.checkSilence(now);
  }

  protected override onPortLost(): void {
    if (this.pollTimer !== null) this.deps.clock.clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.queue?.close('port closed');
    this.queue = null;
    if (this.measurement !== null) this.fail('device-unplugged');
  }

  async startMeasurement(): Promise<void> {
    this.measurement = { startedAt: this.deps.clock.now(), badSince: null, lastFlags: [], sawLive: false };
    // The start command (SureTemp: set the predictive method) arms a new measurement cycle.
    const start = this.serialModel?.protocol.startCommand;
    if (start && this.queue !== null) {
      // Not awaited: the measurement's progress shows in the records that follow.
      void this.queue
        .send({
          name: 'start measurement',
          bytes: start,
          timeoutMs: this.serialModel?.protocol.poll?.timeoutMs ?? 1_000,
          matches: (f) => f.type === 'status',
        })
        .catch((error: unknown) => this.deps.logger.warn(`${this.id}: ${(error as Error).message}`));
    }
  }

  async cancelMeasurement(): Promise<void> {
    this.measurement = null;
  }
}
