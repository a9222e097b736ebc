import type { Clock } from '../../common/util/clock';
import type { DecodedFrame } from '../protocols/types';
import type { HidDeviceHandle } from '../transport/hid/hid-transport';

/** The exchange stopped because the device went away or the measurement was cancelled. */
export class HidLinkClosedError extends Error {
  readonly code = 'link-closed';
  constructor(reason: string) {
    super(reason);
    this.name = 'HidLinkClosedError';
  }
}

/**
 * Request/response over an open HID device for a download: one exchange at a time (the Omron
 * protocols are strictly half duplex), each with a named timeout. What a model's download uses.
 */
export interface HidLink {
  /**
   * Writes `reports` in order, then resolves with the first non-null `accept(report)` of the input
   * reports that follow, or null when none came within `timeoutMs`.
   * @throws HidLinkClosedError when the device closes or the link is cancelled meanwhile.
   */
  exchange<T>(
    name: string,
    reports: readonly Uint8Array[],
    accept: (report: Uint8Array) => T | null,
    timeoutMs: number,
  ): Promise<T | null>;
  /** Sends a feature report; false (logged) when the device refused it. */
  feature(name: string, report: Uint8Array): Promise<boolean>;
  /** For the technician's frame monitor (replies as decoded). */
  frame(frame: DecodedFrame): void;
  /** True once the device closed or the measurement was cancelled. */
  readonly closed: boolean;
}

type Pending = { onReport(report: Uint8Array): void; abort(error: Error): void };

/** HidLink over one open HidDeviceHandle. `close(reason)` aborts the exchange in flight. */
export class HidDeviceLink implements HidLink {
  private pending: Pending | null = null;
  private closedReason: string | null = null;

  constructor(
    private readonly handle: HidDeviceHandle,
    private readonly clock: Clock,
    private readonly onFrame: (frame: DecodedFrame) => void,
    private readonly onWriteFailed: (what: string, error: Error) => void,
  ) {
    handle.on('data', (report) => this.pending?.onReport(report));
    handle.on('closed', (error) => this.close(error === null ? 'device closed' : `device went away: ${error.message}`));
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  close(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.pending?.abort(new HidLinkClosedError(reason));
  }

  /** Aborts the exchange in flight (a cancelled measurement) and leaves the link usable. */
  interrupt(reason: string): void {
    this.pending?.abort(new HidLinkClosedError(reason));
  }

  exchange<T>(
    name: string,
    reports: readonly Uint8Array[],
    accept: (report: Uint8Array) => T | null,
    timeoutMs: number,
  ): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      if (this.closedReason !== null) {
        reject(new HidLinkClosedError(this.closedReason));
        return;
      }
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        this.pending = null;
        finish();
      };
      // Registered before the first write: a device (or simulator) may answer at once.
      this.pending = {
        onReport: (report) => {
          const value = accept(report);
          if (value !== null) settle(() => resolve(value));
        },
        abort: (error) => settle(() => reject(error)),
      };
      const timer = this.clock.setTimeout(() => settle(() => resolve(null)), timeoutMs);
      void (async () => {
        for (const report of reports) {
          if (settled) return;
          try {
            await this.handle.write(report);
          } catch (error) {
            // A failed write is a missing answer: the caller retries or gives up as on a timeout.
            this.onWriteFailed(name, error as Error);
            settle(() => resolve(null));
            return;
          }
        }
      })();
    });
  }

  async feature(name: string, report: Uint8Array): Promise<boolean> {
    if (this.closedReason !== null) throw new HidLinkClosedError(this.closedReason);
    try {
      await this.handle.sendFeatureReport(report);
      return true;
    } catch (error) {
      this.onWriteFailed(name, error as Error);
      return false;
    }
  }

  frame(frame: DecodedFrame): void {
    this.onFrame(frame);
  }
}
