import {
  HEM7322U_BLOCK_BYTES,
  HEM7322U_EMPTY_RECORD,
  HEM7322U_FIRST_ADDRESS,
  HEM7322U_RECORDS_PER_USER,
  HEM7322U_RECORD_BYTES,
  encodeHem7322uAck,
  encodeHem7322uBlockReply,
  encodeHem7322uRecord,
  parseHem7322uCommand,
} from '../../protocols/omron-hem7322u';
import { assertUnreachable } from '../../../common/util/assert-unreachable';
import type { HidSimulatorModel, HidSimulatorSession } from './hid-simulator-model';
import { OMRON_SCENARIO_NAMES, localFields, type SimulatedCuff } from './omron-cuff';

/**
 * A HEM-7322U answering the real command bytes (PROTOCOLS.md §2.2): init goes unanswered until
 * START is pressed; then 40-byte memory blocks from 0x02AC (user 1's records oldest first, user 2
 * empty); done/abort end the transfer and it sleeps again. Malformed commands get no answer.
 */
class Hem7322uSession implements HidSimulatorSession {
  private transferOpen = false;

  constructor(private readonly cuff: SimulatedCuff) {}

  feature(): void {}

  write(report: Uint8Array): Uint8Array[] {
    const command = parseHem7322uCommand(report);
    if (command === null) return [];
    if (!this.cuff.awake) {
      this.cuff.knockedWhileAsleep();
      return [];
    }
    switch (command.op) {
      case 'init':
        this.transferOpen = true;
        return [encodeHem7322uAck(report)];
      case 'read':
        if (!this.transferOpen) return [];
        return [encodeHem7322uBlockReply(command.address, this.memoryAt(command.address))];
      case 'done':
      case 'abort':
        this.transferOpen = false;
        this.cuff.sleep();
        return [encodeHem7322uAck(report)];
      default:
        return assertUnreachable(command, 'HEM-7322U command');
    }
  }

  private memoryAt(address: number): Uint8Array {
    const memory = new Uint8Array(2 * HEM7322U_RECORDS_PER_USER * HEM7322U_RECORD_BYTES).fill(0xff);
    this.cuff.records.slice(-HEM7322U_RECORDS_PER_USER).forEach((r, i) => {
      const bytes = encodeHem7322uRecord({
        ...localFields(r.at),
        systolic: r.systolic,
        diastolic: r.diastolic,
        pulseRate: r.pulseRate,
      });
      memory.set(bytes, i * HEM7322U_RECORD_BYTES);
    });
    const block = new Uint8Array(HEM7322U_BLOCK_BYTES).fill(HEM7322U_EMPTY_RECORD[0]!);
    const from = address - HEM7322U_FIRST_ADDRESS;
    if (from >= 0) block.set(memory.subarray(from, from + HEM7322U_BLOCK_BYTES));
    return block;
  }
}

export const omronHem7322uSimulator: HidSimulatorModel = {
  scenarios: OMRON_SCENARIO_NAMES,
  create: (cuff) => new Hem7322uSession(cuff),
};
