import type { QualityFlag } from '../../common/devices/measurement';

/**
 * What a protocol decoder yields from the bytes of one device. Values are physical units
 * (%, bpm, °C, mmHg); when `valid` is false the value fields are null and `flags` says why.
 * `raw` is the frame's bytes, for the technician's monitor.
 */
export type DecodedFrame =
  | {
      type: 'oximetry';
      spo2: number | null;
      pulseRate: number | null;
      perfusionIndex: number | null;
      /** Pleth samples carried by this frame, normalised 0–100 (may be empty). */
      pleth: number[];
      flags: QualityFlag[];
      valid: boolean;
      raw: Uint8Array;
    }
  | {
      type: 'temperature';
      celsius: number | null;
      /** True for the thermometer's final (predicted/settled) reading, false for a live value. */
      final: boolean;
      flags: QualityFlag[];
      valid: boolean;
      raw: Uint8Array;
    }
  | {
      type: 'blood-pressure';
      systolic: number | null;
      diastolic: number | null;
      mean: number | null;
      pulseRate: number | null;
      /** Device clock time of the record, ISO 8601 without zone (device local), or null. */
      takenAt: string | null;
      flags: QualityFlag[];
      valid: boolean;
      raw: Uint8Array;
    }
  | {
      /** A device answer that is not a reading: an ack/nak, a version string, an info packet. */
      type: 'status';
      status: string;
      detail: Record<string, string | number | boolean | null>;
      raw: Uint8Array;
    }
  | {
      /** Bytes skipped while resynchronising or a frame rejected (checksum, sync bits, range). */
      type: 'error';
      reason: 'bad-checksum' | 'bad-sync' | 'out-of-range' | 'garbage' | 'truncated' | 'unexpected';
      raw: Uint8Array;
    };

/**
 * A stateful byte-stream decoder: `push` each chunk as read from the transport, in order.
 * It never throws, whatever the bytes, and resynchronises on the next frame boundary.
 */
export interface StreamDecoder {
  push(chunk: Uint8Array): DecodedFrame[];
  /** Forgets partial input (after a reconnect). */
  reset(): void;
  /**
   * End of input (e.g. `kioskctl decode` ran out of arguments): returns the bytes still held
   * (skipped garbage, an incomplete frame) as error frames and forgets them. Optional.
   */
  flush?(): DecodedFrame[];
}

export interface SerialSettings {
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'odd' | 'even';
  stopBits: 1 | 2;
}

/**
 * One serial device model's protocol: pure, no I/O. The driver (drivers/devices) uses it to start
 * the stream, keep it alive and decode; the simulator uses the encoders. The line settings are the
 * model's, in the device catalogue (drivers/catalogue).
 */
export interface SerialProtocol {
  createDecoder(): StreamDecoder;
  /** Bytes to write after opening the port to start the stream (empty when it streams by itself). */
  readonly startCommand: Uint8Array | null;
  readonly stopCommand: Uint8Array | null;
  /** Some devices stop streaming without a periodic keep-alive (Contec V7: every 5 s). */
  readonly keepAlive: { readonly intervalMs: number; readonly bytes: Uint8Array } | null;
  /**
   * For command/response devices (the thermometer): the request to send to get a reading, and
   * how long to wait for the answer before the named timeout fires.
   */
  readonly poll: { readonly request: Uint8Array; readonly intervalMs: number; readonly timeoutMs: number } | null;
}

/** A protocol from its decoder and whichever commands it has (the others are null: it streams by itself). */
export function serialProtocol(
  parts: Pick<SerialProtocol, 'createDecoder'> & Partial<Omit<SerialProtocol, 'createDecoder'>>,
): SerialProtocol {
  return { startCommand: null, stopCommand: null, keepAlive: null, poll: null, ...parts };
}
