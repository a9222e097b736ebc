import {
  NONIN_ACK,
  NONIN_FRAMES_PER_PACKET,
  NONIN_MISSING_HR,
  NONIN_MISSING_SPO2,
  NONIN_NAK,
  NONIN_STATUS,
  NONIN_VALUE_INDEX,
  parseNoninSetFormat,
  type NoninFrame,
} from '../../protocols/nonin-packet';
import type { SimulatorModel } from '../simulator-model';
import type { OximeterState } from './oximeter-physiology';
import { oximeterSimulator } from './oximeter-simulator';

/** 75 frames/s, 25 frames per packet (PROTOCOLS.md §1.3). */
export const NONIN_PERIOD_MS = 1000 / 75;
const FIRMWARE_REVISION = 0x2a;

/** The value byte of frame `index` for the state at the start of its packet (§1.3 map). */
function valueByte(index: number, s: OximeterState, seconds: number): number {
  const bad = s.fingerOut || s.probeError;
  const hr = bad ? NONIN_MISSING_HR : s.pulseRate;
  const spo2 = bad ? NONIN_MISSING_SPO2 : s.spo2;
  const I = NONIN_VALUE_INDEX;
  switch (index) {
    case I.hrMsb:
    case I.extHrMsb:
    case I.hrDisplayMsb:
    case I.extHrDisplayMsb:
      return (hr >> 7) & 0x03;
    case I.hrLsb:
    case I.extHrLsb:
    case I.hrDisplayLsb:
    case I.extHrDisplayLsb:
      return hr & 0x7f;
    case I.spo2:
    case I.spo2Display:
    case I.spo2Fast:
    case I.spo2BeatToBeat:
    case I.extSpo2:
    case I.extSpo2Display:
      return spo2;
    case I.firmware:
      return FIRMWARE_REVISION;
    case I.timerMsb:
      return (seconds >> 7) & 0x7f;
    case I.timerLsb:
      return seconds & 0x7f;
    default:
      return 0; // STAT2 (no SmartPoint, battery fine) and reserved bytes
  }
}

function statusByte(s: OximeterState, first: boolean): number {
  let status = NONIN_STATUS.always | (first ? NONIN_STATUS.sync : 0);
  if (s.probeError) status |= NONIN_STATUS.sensorDisconnect | NONIN_STATUS.sensorAlarm;
  else if (s.fingerOut) status |= NONIN_STATUS.sensorAlarm;
  else status |= s.perfusionIndex < 1 ? NONIN_STATUS.perfusionRed : NONIN_STATUS.perfusionGreen;
  return status;
}

/**
 * A Nonin oximeter streaming one data format from power-on. It answers a set-format command with
 * ACK when it asks for the format it already speaks, NAK otherwise (the simulator does not switch).
 */
export function createNoninSimulator(options: {
  format: number;
  encode: (f: NoninFrame) => Uint8Array;
  plethMax: number;
}): SimulatorModel {
  return oximeterSimulator(NONIN_PERIOD_MS, (run) => {
    let index = 0;
    let packetState: OximeterState | null = null;
    let command: number[] = [];

    const frameAt = (t: number) => {
      const s = run.sample(t);
      // Values are those of the packet's first frame, as the device computes them per packet.
      if (index === 0 || packetState === null) packetState = s;
      const seconds = Math.floor((t - run.startedAtMs) / 1000);
      const bytes = options.encode({
        status: statusByte(s, index === 0),
        pleth: Math.round(s.pleth * options.plethMax),
        value: valueByte(index, packetState, seconds),
      });
      index = (index + 1) % NONIN_FRAMES_PER_PACKET;
      return bytes;
    };

    return {
      tick: (nowMs) => run.framesDue(nowMs, frameAt),
      receive(bytes) {
        const replies: number[] = [];
        for (const b of bytes) {
          // STX op len data… ETX: bytes outside a command are ignored, as the device does.
          if (command.length === 0 && b !== 0x02) continue;
          command.push(b);
          const expected = command.length >= 3 ? command[2]! + 4 : Infinity;
          if (command.length < expected) continue;
          const format = parseNoninSetFormat(Uint8Array.from(command));
          replies.push(format !== null && format === options.format ? NONIN_ACK : NONIN_NAK);
          command = [];
        }
        return Uint8Array.from(replies);
      },
    };
  });
}
