import { createV7Decoder, encodeV7Packet, encodeV7Realtime, V7_COMMANDS } from '../../protocols/contec-cms50-v7';
import { concatBytes } from '../../../common/util/bytes';
import { oximeterSimulator } from './oximeter-simulator';

/** Real-time packets at 60/s. */
export const V7_PERIOD_MS = 1000 / 60;
/**
 * The stream stops when the host has been silent this long. PROTOCOLS.md §1.2 only says to send
 * the keep-alive "about every 5 s or the stream stops"; 10 s (two missed keep-alives) is our
 * assumption. Any command counts as a sign of life.
 */
export const V7_KEEPALIVE_TIMEOUT_MS = 10_000;
/** "Command feedback" reason 05: unsupported. */
const UNSUPPORTED = 0x05;
// Seven bytes: a full packet, so the host's decoder need not wait for the next type byte.
const DEVICE_ID = Array.from('CMS50EW', (c) => c.charCodeAt(0));

/**
 * Contec V7 firmware: silent until the start command (7D 81 A1 …), streams real-time packets
 * until the stop command or until no command came for V7_KEEPALIVE_TIMEOUT_MS. Answers the
 * device-ID query; other commands get "command feedback: unsupported".
 */
export const contecCms50V7Simulator = oximeterSimulator(V7_PERIOD_MS, (run) => {
  // Host bytes arrive in arbitrary chunks: the protocol's own decoder frames them.
  const host = createV7Decoder();
  let streaming = false;
  let lastHostAt = run.startedAtMs;

  const packetAt = (t: number) => {
    const s = run.sample(t);
    const bad = s.fingerOut || s.probeError;
    const pleth = Math.round(s.pleth * 127);
    return encodeV7Realtime({
      signal: bad ? 0 : Math.min(15, Math.round(s.perfusionIndex * 2)),
      searchingTooLong: false,
      lowSpo2: !bad && s.spo2 < 90,
      beep: s.beat,
      // One bit for both "probe error" and "finger out" (§1.2).
      probeError: bad,
      pleth,
      searching: false,
      bar: Math.round((pleth / 127) * 15),
      pulseRate: bad ? 0xff : s.pulseRate,
      spo2: bad ? 0x7f : s.spo2,
      pi: bad ? null : Math.round(s.perfusionIndex * 100),
    });
  };

  return {
    tick(nowMs) {
      if (streaming && nowMs - lastHostAt > V7_KEEPALIVE_TIMEOUT_MS) streaming = false;
      // Frames not sent while stopped are not owed: the timeline moves on regardless.
      if (!streaming) {
        run.clock.due(nowMs);
        return new Uint8Array(0);
      }
      return run.framesDue(nowMs, packetAt);
    },
    receive(bytes, nowMs) {
      const replies: Uint8Array[] = [];
      for (const f of host.push(bytes)) {
        if (f.type !== 'status' || f.status !== 'command') continue;
        lastHostAt = nowMs;
        const code = Number.parseInt(String(f.detail.command), 16);
        if (code === V7_COMMANDS.startRealtime) {
          if (!streaming) run.clock.restart(nowMs);
          streaming = true;
        } else if (code === V7_COMMANDS.stopRealtime) streaming = false;
        else if (code === V7_COMMANDS.queryDeviceIds) replies.push(encodeV7Packet(0x04, DEVICE_ID));
        else if (code !== V7_COMMANDS.keepAlive) replies.push(encodeV7Packet(0x0b, [code, UNSUPPORTED]));
      }
      return concatBytes(replies);
    },
  };
});
