import type { BloodPressureFrame } from '../protocols/blood-pressure-frame';
import {
  HEM790IT_CLEARING_BLOCK,
  Hem790itReplyReader,
  hem790itCommands,
  hem790itCountOf,
  hem790itModeReport,
  hem790itOutputReports,
  hem790itRecordOf,
  hem790itReplyToFrame,
  type Hem790itReply,
} from '../protocols/omron-hem790it';
import type { HidLink } from './hid-link';
import { OMRON_REPLY_TIMEOUT_MS, type OmronDownload } from './omron-download';

/** The device "sometimes returns NO" to GME; libomron re-asks. Past this many NOs it is asleep. */
const GME_ATTEMPTS = 3;
/** "OFF\r\n" after END is a courtesy: the session is over either way. */
const END_REPLY_TIMEOUT_MS = 500;
/** Bank 0 = user A, the one the kiosk's patients use. */
const BANK = 0;

function ask(
  link: HidLink,
  name: string,
  message: Uint8Array,
  timeoutMs = OMRON_REPLY_TIMEOUT_MS,
): Promise<Hem790itReply | null> {
  const reader = new Hem790itReplyReader();
  return link
    .exchange(name, hem790itOutputReports(message), (report) => reader.push(report), timeoutMs)
    .then((reply) => {
      if (reply !== null) link.frame(hem790itReplyToFrame(reply));
      return reply;
    });
}

/**
 * HEM-790IT (PROTOCOLS.md §2.1): readings mode by feature report, the clearing block until OK,
 * GDC for the count, GME index 0 for the newest record, then END (the device powers off, so the
 * next patient's START wakes it again).
 */
export const downloadHem790it: OmronDownload = async (link) => {
  if (!(await link.feature('select readings mode', hem790itModeReport('readings')))) return { type: 'asleep' };
  const cleared = await ask(link, 'clearing block', HEM790IT_CLEARING_BLOCK);
  if (cleared?.kind !== 'ok') return { type: 'asleep' };
  const counted = await ask(link, 'GDC reading count', hem790itCommands.readingCount(BANK));
  if (counted === null || counted.kind === 'no') return { type: 'asleep' };
  const count = counted.kind === 'ok' ? hem790itCountOf(counted.data) : null;
  if (count === null)
    return { type: 'unreadable', detail: `GDC answered ${counted.kind} with ${counted.raw.length} bytes` };
  let newest: BloodPressureFrame | null = null;
  if (count > 0) {
    let reply: Hem790itReply | null = null;
    for (let attempt = 0; attempt < GME_ATTEMPTS && reply?.kind !== 'ok'; attempt += 1)
      reply = await ask(link, 'GME newest reading', hem790itCommands.reading(BANK, 0));
    if (reply === null || reply.kind === 'no') return { type: 'asleep' };
    const record = reply.kind === 'ok' ? hem790itRecordOf(reply.data) : null;
    const frame = record === null ? null : hem790itReplyToFrame(reply);
    if (frame?.type !== 'blood-pressure')
      return { type: 'unreadable', detail: `GME answered ${reply.kind} (${frame?.type ?? 'no record'})` };
    newest = frame;
  }
  await ask(link, 'END', hem790itCommands.end(), END_REPLY_TIMEOUT_MS);
  return { type: 'records', newest };
};
