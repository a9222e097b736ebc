import { concatBytes } from '../common/util/bytes';
import { serialModels } from '../drivers/catalogue/device-catalogue';
import type { SerialSettings } from '../drivers/protocols/types';
import { driveSimulator } from '../drivers/simulators/testing/drive-simulator';
import type { BenchResult } from './figure';

/**
 * Decode throughput of every serial protocol, in bytes/s and as a multiple of the protocol's line
 * rate (baud / bits per character: 10 for 8N1, 11 for 8O1), i.e. how many devices at full wire
 * speed one core could decode. Baseline from the same run: a plain byte-copy loop over the same
 * buffer in the same chunks (the cost of touching the bytes at all). Best of 3 interleaved rounds
 * each (the bench machine is shared).
 *
 * Input: 30 s of the model's own simulator ('normal' scenario; the thermometer is polled like the
 * driver does), read in 64-byte chunks like a serial port delivers them.
 */
const SECONDS_OF_TRAFFIC = 30;
const CHUNK = 64;
const MIN_MS = 200;
const ROUNDS = 3;

export function lineRateBytesPerSecond(s: SerialSettings): number {
  const bitsPerChar = 1 + s.dataBits + (s.parity === 'none' ? 0 : 1) + s.stopBits;
  return s.baudRate / bitsPerChar;
}

/** Runs `pass` over the buffer until MIN_MS have elapsed; bytes per second. */
function throughput(bytes: Uint8Array, pass: (chunk: Uint8Array) => number): { bytesPerSecond: number; sink: number } {
  let sink = 0;
  let total = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < bytes.length; i += CHUNK) sink += pass(bytes.subarray(i, i + CHUNK));
    total += bytes.length;
    elapsed = performance.now() - started;
  } while (elapsed < MIN_MS);
  return { bytesPerSecond: (total / elapsed) * 1000, sink };
}

export default async function protocolsBench(): Promise<BenchResult> {
  const figures: BenchResult['details'] = {};
  let worst = { id: '', share: 0, copyShare: 0 };
  for (const { id, protocol, simulator, transport } of serialModels()) {
    const { sent } = driveSimulator(protocol, simulator, { scenario: 'normal', seconds: SECONDS_OF_TRAFFIC });
    const bytes = concatBytes(sent);
    const serial = transport.line;
    const line = lineRateBytesPerSecond(serial);
    const warm = protocol.createDecoder();
    const copyTarget = new Uint8Array(CHUNK);
    const copy = (c: Uint8Array) => {
      copyTarget.set(c);
      return copyTarget[0]!;
    };
    // The machine is shared: interleave ROUNDS of baseline and decode and keep each one's best,
    // after a warm-up so the JIT has compiled both paths.
    let baselineBest = 0;
    let decodeBest = 0;
    throughput(bytes.subarray(0, 8192), copy);
    throughput(bytes.subarray(0, 8192), (c) => warm.push(c).length);
    for (let round = 0; round < ROUNDS; round++) {
      baselineBest = Math.max(baselineBest, throughput(bytes, copy).bytesPerSecond);
      const decoder = protocol.createDecoder();
      decodeBest = Math.max(decodeBest, throughput(bytes, (c) => decoder.push(c).length).bytesPerSecond);
    }
    const baseline = { bytesPerSecond: baselineBest };
    const decode = { bytesPerSecond: decodeBest };
    figures[`${id}.decode_bytes_per_s`] = Math.round(decode.bytesPerSecond);
    figures[`${id}.line_rate_bytes_per_s`] = Math.round(line);
    figures[`${id}.decode_x_line_rate`] = Math.round(decode.bytesPerSecond / line);
    figures[`${id}.baseline_copy_bytes_per_s`] = Math.round(baseline.bytesPerSecond);
    figures[`${id}.baseline_copy_x_line_rate`] = Math.round(baseline.bytesPerSecond / line);
    // The share of one core that decoding a device at full line rate takes: what a kiosk pays.
    const share = (line / decode.bytesPerSecond) * 100;
    figures[`${id}.decode_cpu_percent_at_line_rate`] = Number(share.toPrecision(3));
    if (share > worst.share) worst = { id, share, copyShare: (line / baseline.bytesPerSecond) * 100 };
    process.stdout.write(
      `${id.padEnd(22)} decode ${(decode.bytesPerSecond / 1e6).toFixed(2).padStart(7)} MB/s = ${figures[`${id}.decode_x_line_rate`]}× line rate (${Math.round(line)} B/s at ${serial.baudRate} ${serial.dataBits}${serial.parity[0]!.toUpperCase()}${serial.stopBits}) | baseline byte copy ${(baseline.bytesPerSecond / 1e6).toFixed(2).padStart(7)} MB/s = ${figures[`${id}.baseline_copy_x_line_rate`]}× | ${bytes.length} bytes of simulator traffic\n`,
    );
  }
  return {
    figures: [
      {
        name: `decode at line rate, worst protocol (${worst.id}) vs a byte copy`,
        ours: worst.share,
        baseline: worst.copyShare,
        unit: '% of a core',
        goal: { kind: 'at-most', max: 1 },
      },
    ],
    details: figures,
  };
}
