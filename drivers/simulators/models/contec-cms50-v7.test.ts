import { describe, expect, it } from 'vitest';
import { contecCms50V7, createV7Decoder, encodeV7Command, V7_COMMANDS } from '../../protocols/contec-cms50-v7';
import { contecCms50V7Simulator, V7_KEEPALIVE_TIMEOUT_MS } from './contec-cms50-v7';

const T0 = 1_000_000;
const start = contecCms50V7.startCommand!;
const keepAlive = contecCms50V7.keepAlive!.bytes;

/** Bytes the simulator sends between `from` and `to`, ticking at its own rate. */
function ticks(session: ReturnType<typeof contecCms50V7Simulator.create>, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t += session.tickMs) n += session.tick(t).length;
  return n;
}

describe('contec-cms50-v7 simulator', () => {
  it('is silent until the start command, then streams 60 packets/s', () => {
    const sim = contecCms50V7Simulator.create('normal', T0);
    expect(ticks(sim, T0, T0 + 2000)).toBe(0);
    expect(sim.receive(start, T0 + 2000)).toEqual(new Uint8Array(0));
    const bytes = ticks(sim, T0 + 2000, T0 + 3000);
    expect(bytes / 9).toBeGreaterThanOrEqual(59);
    expect(bytes / 9).toBeLessThanOrEqual(61);
  });

  it('stops streaming when no keep-alive came for more than 10 s, keeps going with keep-alives', () => {
    const quiet = contecCms50V7Simulator.create('normal', T0);
    quiet.receive(start, T0);
    expect(ticks(quiet, T0, T0 + V7_KEEPALIVE_TIMEOUT_MS)).toBeGreaterThan(0);
    expect(ticks(quiet, T0 + V7_KEEPALIVE_TIMEOUT_MS + 20, T0 + 15_000)).toBe(0);

    const kept = contecCms50V7Simulator.create('normal', T0);
    kept.receive(start, T0);
    let bytes = 0;
    for (let t = T0; t < T0 + 30_000; t += 5000) {
      kept.receive(keepAlive, t);
      bytes += ticks(kept, t, t + 5000);
    }
    expect(bytes / 9).toBeGreaterThan(60 * 29);
  });

  it('stops on the stop command; a command split across writes still counts', () => {
    const sim = contecCms50V7Simulator.create('normal', T0);
    sim.receive(start.subarray(0, 4), T0);
    sim.receive(start.subarray(4), T0);
    expect(ticks(sim, T0, T0 + 500)).toBeGreaterThan(0);
    sim.receive(contecCms50V7.stopCommand!, T0 + 500);
    expect(ticks(sim, T0 + 520, T0 + 2000)).toBe(0);
  });

  it('answers the device-ID query and reports other commands as unsupported', () => {
    const sim = contecCms50V7Simulator.create('normal', T0);
    const decoder = createV7Decoder();
    expect(decoder.push(sim.receive(encodeV7Command(V7_COMMANDS.queryDeviceIds), T0))).toMatchObject([
      { type: 'status', status: 'device-ids', detail: { data: '434D5335304557' } },
    ]);
    expect(decoder.push(sim.receive(encodeV7Command(0xa3), T0))).toMatchObject([
      { type: 'status', status: 'command-feedback', detail: { command: 'A3', reason: 'unsupported' } },
    ]);
  });
});
