import { err, ok, type Result } from '../util/result';

/**
 * 16-bit PCM mono WAV (RIFF), the format of auscultation clips: written by the doctor's console
 * from what it heard, read back by the platform to check a clip before keeping it.
 */

const HEADER_BYTES = 44;

/** Samples in −1…1 (clipped beyond) as a 16-bit mono WAV file. */
export function encodeWav(samples: Float32Array, sampleRateHz: number): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // PCM fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * 2, true); // bytes per second
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    view.setInt16(HEADER_BYTES + i * 2, Math.round(s < 0 ? s * 0x8000 : s * 0x7fff), true);
  }
  return bytes;
}

export interface WavAudio {
  sampleRateHz: number;
  /** The first channel's samples in −1…1. */
  samples: Float32Array;
  durationMs: number;
}

/**
 * Reads a 16-bit PCM WAV (any chunk order, extra chunks skipped); mono is what clips are, other
 * channel counts are refused. The error names what is wrong with the file.
 */
export function decodeWav(bytes: Uint8Array): Result<WavAudio, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return err('not a WAV file (no RIFF/WAVE header)');
  let format: { channels: number; rate: number; bits: number; code: number } | null = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16 && body + 16 <= bytes.length) {
      format = {
        code: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (format === null) return err('WAV data before its format chunk');
      if (format.code !== 1 || format.bits !== 16) return err('WAV is not 16-bit PCM');
      if (format.channels !== 1) return err(`WAV has ${format.channels} channels, expected mono`);
      if (format.rate <= 0) return err('WAV sample rate is 0');
      const count = Math.floor(Math.min(size, bytes.length - body) / 2);
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(body + i * 2, true) / 0x8000;
      return ok({ sampleRateHz: format.rate, samples, durationMs: Math.round((count / format.rate) * 1000) });
    }
    at = body + size + (size % 2); // chunks are word-aligned
  }
  return err('WAV has no data chunk');
}
