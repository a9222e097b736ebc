import type { DecodedFrame, StreamDecoder } from './types';

export type ErrorReason = Extract<DecodedFrame, { type: 'error' }>['reason'];

/** What a protocol's matcher says about the bytes starting at `start`. */
export type Match =
  /** A complete frame of `length` bytes; `frames` may be empty (e.g. a Nonin frame inside a packet). */
  | { readonly kind: 'frame'; readonly length: number; readonly frames: readonly DecodedFrame[] }
  /** Not decidable yet: wait for more bytes (never returned when the answer would not change). */
  | { readonly kind: 'need-more' }
  /** These `length` bytes are not a frame start: skip them (reported as one coalesced error frame). */
  | { readonly kind: 'skip'; readonly length: number; readonly reason: ErrorReason };

/**
 * One protocol's framing rule. `match` must be pure with respect to the bytes it can see, and
 * answer the same whether later bytes are already there or not: that is what makes decoding
 * independent of how the transport chunks the stream. State may change only when it answers
 * 'frame' or 'skip' (never on 'need-more').
 */
export interface Matcher {
  match(buf: Uint8Array, start: number): Match;
  /** Forgets per-stream state (e.g. a half-assembled Nonin packet). */
  reset?(): void;
}

export interface ScannerOptions {
  /** Skipped bytes are reported once a frame is found, or every `maxGarbageRun` bytes (default 64). */
  maxGarbageRun?: number;
  /** Safety net against a matcher that keeps asking for more: bytes kept at most (default 4096). */
  maxPending?: number;
}

type SkipMatch = Extract<Match, { kind: 'skip' }>;

export const skip = (length: number, reason: ErrorReason): SkipMatch => ({ kind: 'skip', length, reason });
export const needMore: Match = { kind: 'need-more' };
export const frame = (length: number, ...frames: DecodedFrame[]): Match => ({ kind: 'frame', length, frames });

/** Asks the matcher, turning its bugs (a throw, a length outside the buffer) into a one-byte skip. */
function matchSafely(matcher: Matcher, buf: Uint8Array, pos: number): Match {
  try {
    const m = matcher.match(buf, pos);
    // A matcher bug must not stall or loop the stream: lengths are at least one byte.
    if (m.kind !== 'need-more' && (!(m.length >= 1) || pos + m.length > buf.length)) return skip(1, 'unexpected');
    return m;
  } catch {
    return skip(1, 'unexpected');
  }
}

/**
 * Skipped bytes coalesced into one `error` frame per run (at most `maxRun` bytes each), named by
 * the first specific reason of the run, else 'garbage'.
 */
function createGarbageRun(maxRun: number) {
  let bytes: number[] = [];
  let reason: ErrorReason = 'garbage';
  const flush = (out: DecodedFrame[]) => {
    if (bytes.length === 0) return;
    out.push({ type: 'error', reason, raw: Uint8Array.from(bytes) });
    bytes = [];
    reason = 'garbage';
  };
  return {
    flush,
    add(buf: Uint8Array, from: number, to: number, why: ErrorReason, out: DecodedFrame[]) {
      for (let i = from; i < to; i++) bytes.push(buf[i]!);
      if (reason === 'garbage') reason = why;
      if (bytes.length >= maxRun) flush(out);
    },
    reset() {
      bytes = [];
      reason = 'garbage';
    },
  };
}

/**
 * The resynchronising stream decoder every serial protocol shares: buffers partial frames,
 * asks the matcher at each position, and coalesces runs of skipped bytes into single `error`
 * frames (reason = the first specific reason of the run, else 'garbage'). Never throws.
 */
export function createScanningDecoder(matcher: Matcher, options: ScannerOptions = {}): StreamDecoder {
  const maxPending = options.maxPending ?? 4096;
  const garbage = createGarbageRun(options.maxGarbageRun ?? 64);
  let pending = new Uint8Array(0);

  return {
    push(chunk) {
      const buf = new Uint8Array(pending.length + chunk.length);
      buf.set(pending, 0);
      buf.set(chunk, pending.length);
      const out: DecodedFrame[] = [];
      let pos = 0;
      while (pos < buf.length) {
        const found = matchSafely(matcher, buf, pos);
        if (found.kind === 'need-more' && buf.length - pos < maxPending) break;
        const m = found.kind === 'need-more' ? skip(1, 'truncated') : found;
        if (m.kind === 'skip') {
          garbage.add(buf, pos, pos + m.length, m.reason, out);
          pos += m.length;
          continue;
        }
        garbage.flush(out);
        out.push(...m.frames);
        pos += m.length;
      }
      pending = buf.slice(pos);
      return out;
    },
    flush() {
      const out: DecodedFrame[] = [];
      garbage.flush(out);
      if (pending.length > 0) out.push({ type: 'error', reason: 'truncated', raw: pending });
      pending = new Uint8Array(0);
      return out;
    },
    reset() {
      pending = new Uint8Array(0);
      garbage.reset();
      matcher.reset?.();
    },
  };
}
