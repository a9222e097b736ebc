import type { DecodedFrame, SerialProtocol, StreamDecoder } from '../../protocols/types';
import type { SimulatorModel } from '../simulator-model';

/**
 * Runs a serial simulator for `seconds` from `t0` the way the pty runner and the driver would
 * (the start command first, then keep-alives and polls when due, ticks at the device's rate):
 * every chunk it sent, in order, and their decoding by `decoder`.
 */
export function driveSimulator(
  protocol: SerialProtocol,
  simulator: SimulatorModel,
  options: { scenario: string; seconds: number; t0?: number; decoder?: StreamDecoder },
): { frames: DecodedFrame[]; sent: Uint8Array[]; bytes: number } {
  const t0 = options.t0 ?? 0;
  const sim = simulator.create(options.scenario, t0);
  const decoder = options.decoder ?? protocol.createDecoder();
  const frames: DecodedFrame[] = [];
  const sent: Uint8Array[] = [];
  const take = (bytes: Uint8Array) => {
    sent.push(bytes);
    frames.push(...decoder.push(bytes));
  };
  const send = (command: Uint8Array, now: number) => take(sim.receive(command, now));
  let lastKeepAlive = t0;
  let lastPoll = -Infinity;
  if (protocol.startCommand) send(protocol.startCommand, t0);
  for (let now = t0; now <= t0 + options.seconds * 1000; now += sim.tickMs) {
    if (protocol.keepAlive && now - lastKeepAlive >= protocol.keepAlive.intervalMs) {
      lastKeepAlive = now;
      send(protocol.keepAlive.bytes, now);
    }
    if (protocol.poll && now - lastPoll >= protocol.poll.intervalMs) {
      lastPoll = now;
      send(protocol.poll.request, now);
    }
    take(sim.tick(now));
  }
  return { frames, sent, bytes: sent.reduce((n, b) => n + b.length, 0) };
}
