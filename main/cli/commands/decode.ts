import { assertUnreachable } from '../../../common/util/assert-unreachable';
import { parseHex, toHex } from '../../../drivers/protocols/frames';
import { createStreamDecoder, knownProtocolIds } from '../../../drivers/catalogue/decoders';
import type { DecodedFrame } from '../../../drivers/protocols/types';
import { UsageError, type CliCommand } from '../command';

/**
 * One JSON line for a decoded measurement or status frame. Value fields appear where the frame
 * kind has them (`valid` false → they are null); `raw` is the frame's bytes in hex.
 */
export function frameToJson(protocol: string, f: Exclude<DecodedFrame, { type: 'error' }>): Record<string, unknown> {
  const raw = toHex(f.raw, '');
  switch (f.type) {
    case 'oximetry':
      return {
        protocol,
        kind: f.type,
        spo2: f.spo2,
        pulseRate: f.pulseRate,
        pleth: f.pleth,
        perfusionIndex: f.perfusionIndex,
        valid: f.valid,
        flags: f.flags,
        raw,
      };
    case 'temperature':
      return { protocol, kind: f.type, celsius: f.celsius, final: f.final, valid: f.valid, flags: f.flags, raw };
    case 'blood-pressure':
      return {
        protocol,
        kind: f.type,
        systolic: f.systolic,
        diastolic: f.diastolic,
        mean: f.mean,
        pulseRate: f.pulseRate,
        takenAt: f.takenAt,
        valid: f.valid,
        flags: f.flags,
        raw,
      };
    case 'status':
      return { protocol, kind: f.type, status: f.status, detail: f.detail, raw };
    default:
      return assertUnreachable(f, 'frame');
  }
}

/**
 * `kioskctl decode <protocol-id> <hex> [<hex> ...]`: each argument is one chunk as read from the
 * transport, pushed in order into the protocol's stream decoder. Decoded measurements and status
 * frames go to stdout as JSON lines; skipped bytes (garbage, bad checksums) and an incomplete tail
 * are reported on stderr so stdout stays machine-readable.
 */
export const decodeCommand: CliCommand = {
  name: ['decode'],
  summary: 'decode device bytes (hex) with a protocol and print the frames as JSON lines',
  usage: [
    'Usage: kioskctl decode <protocol-id> <hex> [<hex> ...]',
    '  Each <hex> is one chunk of bytes as read from the transport, e.g. "C4350648 61" or C4:35:06:48:61.',
    `  Protocols: ${knownProtocolIds().join(', ')}`,
  ].join('\n'),
  async run(args, io) {
    const [protocol, ...chunks] = args;
    if (protocol === undefined) throw new UsageError('give a protocol id and at least one hex chunk');
    const decoder = createStreamDecoder(protocol);
    if (!decoder)
      throw new UsageError(`unknown protocol "${protocol}"; known protocols: ${knownProtocolIds().join(', ')}`);
    if (chunks.length === 0) throw new UsageError('give at least one hex chunk after the protocol id');
    const bytes = chunks.map((text, i) => {
      const parsed = parseHex(text);
      if (parsed) return parsed;
      const bad = /[^0-9a-fA-F\s:]/.exec(text.replace(/^0x/i, ''));
      const why = bad ? `"${bad[0]}" is not a hex digit` : 'it has an odd number of hex digits';
      throw new UsageError(
        `chunk ${i + 1} ("${text}") is malformed hex: ${why}; write bytes as pairs of digits 0-9 A-F, optionally separated by spaces or colons`,
      );
    });
    if (bytes.every((b) => b.length === 0)) throw new UsageError('the hex chunks hold no bytes');
    const print = (f: DecodedFrame) => {
      if (f.type === 'error') io.err(`skipped ${f.raw.length} byte(s) (${f.reason}): ${toHex(f.raw)}`);
      else io.out(JSON.stringify(frameToJson(protocol, f)));
    };
    for (const chunk of bytes) decoder.push(chunk).forEach(print);
    decoder.flush?.().forEach(print);
    return 0;
  },
};
