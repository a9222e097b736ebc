import {
  HEM790IT_MODES,
  HEM790IT_NO,
  HEM790IT_OFF,
  encodeHem790itOk,
  encodeHem790itRecord,
  hem790itInputReports,
  xorBytes,
  type Hem790itMode,
} from '../../protocols/omron-hem790it';
import type { HidSimulatorModel, HidSimulatorSession } from './hid-simulator-model';
import { OMRON_SCENARIO_NAMES, localFields, type SimulatedCuff } from './omron-cuff';

/** What "VER00" answers: 11 ASCII characters (the checksum is added). */
const VERSION = 'M790IT  SIM';

/**
 * A HEM-790IT answering the real command bytes (PROTOCOLS.md §2.1): host messages are reassembled
 * from count-prefixed reports; asleep (before START) it answers NO to everything; after END it
 * answers "OFF\r\n" and sleeps again.
 */
class Hem790itSession implements HidSimulatorSession {
  private mode: Hem790itMode | null = null;
  private message: number[] = [];

  constructor(private readonly cuff: SimulatedCuff) {}

  feature(report: Uint8Array): void {
    const [a, b] = [report[1], report[2]];
    this.mode =
      (Object.keys(HEM790IT_MODES) as Hem790itMode[]).find(
        (m) => HEM790IT_MODES[m][0] === a && HEM790IT_MODES[m][1] === b,
      ) ?? null;
  }

  write(report: Uint8Array): Uint8Array[] {
    const count = Math.min(report[1] ?? 0, 7);
    this.message.push(...report.subarray(2, 2 + count));
    // A short report ends the host's message (every command and the clearing block end with one).
    if (count === 7) return [];
    const message = Uint8Array.from(this.message);
    this.message = [];
    return hem790itInputReports(this.answer(message));
  }

  private answer(message: Uint8Array): Uint8Array {
    if (!this.cuff.awake) {
      this.cuff.knockedWhileAsleep();
      return HEM790IT_NO;
    }
    if (message.every((b) => b === 0)) return encodeHem790itOk();
    const letters = String.fromCharCode(...message.subarray(0, 3));
    const params = message.subarray(3, message.length - 1);
    if (message.length < 5 || xorBytes(params) !== message[message.length - 1]) return HEM790IT_NO;
    const records = this.cuff.newestFirst();
    switch (letters) {
      case 'VER':
        return this.mode === 'deviceInfo' ? encodeHem790itOk([...VERSION].map((c) => c.charCodeAt(0))) : HEM790IT_NO;
      case 'GDC':
        return this.mode === 'readings'
          ? encodeHem790itOk([0x00, 0x0a, 0x00, Math.min(records.length, 255)])
          : HEM790IT_NO;
      case 'GME': {
        const record = records[params[3] ?? 0];
        if (this.mode !== 'readings' || record === undefined) return HEM790IT_NO;
        // The record's own checksum is the reply's: the reply XORs to 0 over 0x00 + record.
        const bytes = encodeHem790itRecord({
          ...localFields(record.at),
          systolic: record.systolic,
          diastolic: record.diastolic,
          pulseRate: record.pulseRate,
        });
        return encodeHem790itOk([...bytes.subarray(0, 13)]);
      }
      case 'END':
        this.cuff.sleep();
        return HEM790IT_OFF;
      default:
        return HEM790IT_NO;
    }
  }
}

export const omronHem790itSimulator: HidSimulatorModel = {
  scenarios: OMRON_SCENARIO_NAMES,
  create: (cuff) => new Hem790itSession(cuff),
};
