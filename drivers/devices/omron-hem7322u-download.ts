import type { BloodPressureFrame } from '../protocols/blood-pressure-frame';
import { toHex } from '../protocols/frames';
import {
  decodeHem7322uMemory,
  hem7322uBlockAddresses,
  hem7322uBlockOf,
  hem7322uCommands,
} from '../protocols/omron-hem7322u';
import { HidLinkClosedError } from './hid-link';
import { OMRON_REPLY_TIMEOUT_MS, newestRecord, type OmronDownload } from './omron-download';

/** The device does not answer init until START/STOP is pressed: each attempt waits this long (obpm: 1 s). */
export const HEM7322U_INIT_TIMEOUT_MS = 1_000;
/** done/abort are acknowledged, but the transfer ends either way. */
const END_REPLY_TIMEOUT_MS = 500;

const anyReport = () => true;

/**
 * HEM-7322U (PROTOCOLS.md §2.2): init (unanswered until START), both users' memory in 40-byte
 * blocks from 0x02AC, then done; the newest record by device time is the measurement. A read left
 * unanswered, a cancel or an unplug ends the transfer with abort when the device is still there.
 */
export const downloadHem7322u: OmronDownload = async (link) => {
  const woke = await link.exchange('init', [hem7322uCommands.init()], anyReport, HEM7322U_INIT_TIMEOUT_MS);
  if (woke === null) return { type: 'asleep' };
  link.frame({ type: 'status', status: 'transfer-open', detail: {}, raw: new Uint8Array(0) });
  const memory: Uint8Array[] = [];
  try {
    for (const address of hem7322uBlockAddresses()) {
      const name = `read 40 bytes at 0x${toHex(Uint8Array.of(address >> 8, address & 0xff), '')}`;
      const block = await link.exchange(
        name,
        [hem7322uCommands.read(address)],
        (report) => hem7322uBlockOf(report)?.slice() ?? null,
        OMRON_REPLY_TIMEOUT_MS,
      );
      if (block === null) {
        await link.exchange('abort', [hem7322uCommands.abort()], anyReport, END_REPLY_TIMEOUT_MS);
        return { type: 'unreadable', detail: `${name} got no memory block within ${OMRON_REPLY_TIMEOUT_MS} ms` };
      }
      memory.push(block);
    }
  } catch (error) {
    // Cancelled: close the transfer properly so the device leaves USB mode; unplugged: nothing to say.
    if (error instanceof HidLinkClosedError && !link.closed)
      await link.exchange('abort', [hem7322uCommands.abort()], anyReport, END_REPLY_TIMEOUT_MS).catch(() => null);
    throw error;
  }
  await link.exchange('done', [hem7322uCommands.done()], anyReport, END_REPLY_TIMEOUT_MS);
  const all = new Uint8Array(memory.reduce((n, b) => n + b.length, 0));
  memory.reduce((at, b) => (all.set(b, at), at + b.length), 0);
  const records = decodeHem7322uMemory(all)
    .map((r) => r.frame)
    .filter((f): f is BloodPressureFrame => f.type === 'blood-pressure');
  const newest = newestRecord(records);
  // Only the newest record goes to the monitor: the others are earlier patients' readings.
  if (newest !== null) link.frame(newest);
  return { type: 'records', newest };
};
