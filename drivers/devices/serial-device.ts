import { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { Clock } from '../../common/util/clock';
import type { Logger } from '../../common/util/logger';
import type { DecodedFrame, SerialProtocol, SerialSettings, StreamDecoder } from '../protocols/types';
import type { SerialPortHandle, SerialPortOpener } from '../transport/serial/serial-port';
import type { DeviceModelId } from '../catalogue/device-catalogue';
import type { DeviceEvents, KioskDevice } from './device';

type Status = Pick<DeviceStatus, 'state' | 'reason'>;

/** What a serial device needs from its configuration. */
export interface SerialDeviceConfig {
  id: string;
  model: DeviceModelId;
  port: string;
  /** Overrides the protocol's line rate (adapters that need it). */
  baudRate?: number | undefined;
}

/** One way to talk to the device on its port: a catalogue model's id, line settings and protocol. */
export interface SerialModel {
  readonly id: DeviceModelId;
  readonly line: SerialSettings;
  readonly protocol: SerialProtocol;
}

export interface SerialDeviceDeps {
  clock: Clock;
  logger: Logger;
  openSerial: SerialPortOpener;
}

/** Stable status reason codes of serial devices (translated by the screens, read by technicians). */
export type SerialStatusCode =
  'device-unplugged' | 'port-unavailable' | 'no-data' | 'unreadable-data' | 'no-response' | 'no-protocol';

/**
 * The serial plumbing shared by the oximeter and the thermometer: one port at a time, its decoder,
 * status changes (deduplicated), a silence watchdog. Nothing here throws to the caller: trouble
 * becomes a `statusChanged` with a reason code and a technician detail.
 */
export abstract class SerialDevice<M extends SerialModel = SerialModel>
  extends EventEmitter<DeviceEvents>
  implements KioskDevice
{
  readonly id: string;
  readonly model: DeviceModelId;
  protected port: SerialPortHandle | null = null;
  protected decoder: StreamDecoder | null = null;
  /** The model the open port speaks (an oximeter probes several). */
  protected current: M | null = null;
  private status: Status = { state: 'disconnected', reason: null };
  /** Time of the last frame that was not a decode error (ms, clock time). */
  protected lastGoodFrameAt = 0;
  /** Decode errors since the last good frame. */
  protected errorsSinceGood = 0;
  private watchdog: unknown = null;
  /** Bumped on every open/close so callbacks of an old port are ignored. */
  protected generation = 0;

  constructor(
    protected readonly config: SerialDeviceConfig,
    protected readonly deps: SerialDeviceDeps,
    /** Without a good frame for this long, the status turns to error no-data / unreadable-data (ms). */
    protected readonly silenceMs: number,
  ) {
    super();
    this.id = config.id;
    this.model = config.model;
  }

  abstract open(): Promise<void>;
  abstract startMeasurement(): Promise<void>;
  abstract cancelMeasurement(): Promise<void>;
  /** Called for every decoded frame of the current port, after `frameDecoded` was emitted. */
  protected abstract onFrame(frame: DecodedFrame, now: number): void;
  /** Called by the watchdog every silenceMs/4 while a port is open. */
  protected onTick(_now: number): void {}
  /** Called once the current port closed under us (unplug). */
  protected onPortLost(): void {}

  get currentStatus(): Status {
    return this.status;
  }

  /**
   * 'connecting' on a first open; a reopen after an unplug or a failed open stays 'disconnected'
   * with its reason until it succeeds (no flapping on every retry).
   */
  protected markConnecting(): void {
    if (this.status.state === 'disconnected' && this.status.reason !== null) return;
    this.setStatus('connecting');
  }

  protected setStatus(state: Status['state'], code: SerialStatusCode | null = null, detail = ''): void {
    const reason = code === null ? null : { code, detail };
    if (this.status.state === state && this.status.reason?.code === reason?.code) return;
    this.status = { state, reason };
    this.deps.logger.info(`${this.id}: ${state}${code ? ` (${code})` : ''}`);
    this.emit('statusChanged', this.status);
  }

  protected get protocol(): SerialProtocol | null {
    return this.current?.protocol ?? null;
  }

  /**
   * Opens the port with `model`'s line settings (the config's baud rate overrides the configured
   * model's only, not a fallback probe's); on failure reports `disconnected/port-unavailable` and
   * returns false (the manager retries with backoff). `fresh` restarts the silence clock; a
   * protocol probe switching ports keeps it, so silence across probes is still reported.
   */
  protected async openPort(model: M, fresh = true): Promise<boolean> {
    const generation = ++this.generation;
    const override = model.id === this.model ? this.config.baudRate : undefined;
    let port: SerialPortHandle;
    try {
      port = await this.deps.openSerial(this.config.port, { ...model.line, baudRate: override ?? model.line.baudRate });
    } catch (error) {
      if (generation === this.generation) {
        this.setStatus(
          'disconnected',
          'port-unavailable',
          `cannot open ${this.config.port}: ${(error as Error).message}`,
        );
      }
      return false;
    }
    if (generation !== this.generation) {
      // close() was called while opening.
      await port.close().catch(() => undefined);
      return false;
    }
    this.port = port;
    this.current = model;
    this.decoder = model.protocol.createDecoder();
    if (fresh) {
      this.lastGoodFrameAt = this.deps.clock.now();
      this.errorsSinceGood = 0;
    }
    port.on('data', (chunk) => {
      if (generation === this.generation) this.handleChunk(chunk);
    });
    port.on('closed', (error) => {
      if (generation !== this.generation || error === null) return;
      this.releasePort();
      this.onPortLost();
      this.setStatus('disconnected', 'device-unplugged', `${this.config.port} went away: ${error.message}`);
    });
    this.armWatchdog(generation);
    return true;
  }

  private handleChunk(chunk: Uint8Array): void {
    const decoder = this.decoder;
    if (decoder === null) return;
    let frames: DecodedFrame[];
    try {
      frames = decoder.push(chunk);
    } catch (error) {
      // Decoders promise never to throw; if one does, the bytes are lost, not the kiosk.
      this.deps.logger.error(`${this.id}: decoder threw: ${(error as Error).message}`);
      return;
    }
    for (const frame of frames) {
      const now = this.deps.clock.now();
      if (frame.type === 'error') this.errorsSinceGood += 1;
      else {
        this.lastGoodFrameAt = now;
        this.errorsSinceGood = 0;
      }
      this.emit('frameDecoded', frame);
      try {
        this.onFrame(frame, now);
      } catch (error) {
        this.deps.logger.error(`${this.id}: frame handling failed: ${(error as Error).message}`);
      }
    }
  }

  private armWatchdog(generation: number): void {
    const period = Math.max(50, Math.floor(this.silenceMs / 4));
    const tick = () => {
      if (generation !== this.generation) return;
      const now = this.deps.clock.now();
      try {
        this.onTick(now);
      } catch (error) {
        this.deps.logger.error(`${this.id}: tick failed: ${(error as Error).message}`);
      }
      if (generation !== this.generation) return;
      this.watchdog = this.deps.clock.setTimeout(tick, period);
    };
    this.watchdog = this.deps.clock.setTimeout(tick, period);
  }

  /** True when no good frame came for silenceMs; reports no-data or unreadable-data once. */
  protected checkSilence(now: number): boolean {
    if (now - this.lastGoodFrameAt < this.silenceMs) return false;
    if (this.errorsSinceGood > 0) {
      this.setStatus(
        'error',
        'unreadable-data',
        `${this.errorsSinceGood} undecodable frames and no valid one for ${now - this.lastGoodFrameAt} ms on ${this.config.port}: wrong baud rate, wrong device model or a damaged cable?`,
      );
    } else {
      this.setStatus(
        'error',
        'no-data',
        `no data for ${now - this.lastGoodFrameAt} ms on ${this.config.port}: device off, asleep or not sending`,
      );
    }
    return true;
  }

  /** Writes, reporting (not throwing) a failure. */
  protected async writeQuietly(bytes: Uint8Array, what: string, level: 'warn' | 'debug' = 'warn'): Promise<boolean> {
    const port = this.port;
    if (port === null) return false;
    try {
      await port.write(bytes);
      return true;
    } catch (error) {
      this.deps.logger[level](`${this.id}: writing ${what} failed: ${(error as Error).message}`);
      return false;
    }
  }

  private releasePort(): void {
    this.generation += 1;
    if (this.watchdog !== null) this.deps.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
    this.port = null;
    this.decoder = null;
  }

  /** Closes the current port (if any) without a status change; returns once closed. */
  protected async closePort(): Promise<void> {
    const port = this.port;
    this.releasePort();
    if (port !== null) await port.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    try {
      // A deliberate close ends any measurement quietly (no measurementFailed).
      await this.cancelMeasurement();
      this.onPortLost();
      const port = this.port;
      // At shutdown the device may already be gone: a failed stop command is not news.
      if (port !== null && this.protocol?.stopCommand)
        await this.writeQuietly(this.protocol.stopCommand, 'stop command', 'debug');
      await this.closePort();
    } catch (error) {
      this.deps.logger.error(`${this.id}: close failed: ${(error as Error).message}`);
    }
    this.setStatus('disconnected', null);
  }
}
