import { once } from 'node:events';
import type { CardErrorCode } from '../../../common/identity/card-state';
import type { PatientIdentity } from '../../../common/identity/identity';
import { SmartcardTransport, type PcscTransport } from '../../../drivers/transport/pcsc';
import { CardService } from '../../identity/card-service';
import { parseCliArgs, UsageError, type CliCommand, type CliIo } from '../command';

/** What each failure means at the technician's terminal (the patient's words are in the renderer's translations). */
export const CARD_ERROR_MESSAGES: Record<CardErrorCode, string> = {
  'no-reader': 'no matching PC/SC reader (is pcscd running, is the reader plugged in?)',
  'vitale-1': 'this is a Vitale 1 card: its identity cannot be read over PC/SC',
  'unknown-card': 'this is not a Carte Vitale (CPS, bank card or unknown ATR)',
  'removed-during-read': 'the card was removed before the read finished',
  'mute-card': 'the card does not answer (no ATR or no response)',
  'data-not-accessible': 'the card refused access to the VITALE application or its files',
  'invalid-data': 'the card data does not form a valid identity (e.g. wrong NIR key)',
};

export interface CardReadDeps {
  transport: () => PcscTransport;
}

/**
 * `kioskctl card read [--reader NAME] [--timeout S]`: watches the reader (substring of its PC/SC
 * name; default the first reader), reads the card in it or the next one put in, and prints the
 * identity as one JSON line. On failure or timeout: the error code and its meaning on stderr,
 * exit 1. It talks to pcscd directly: it works beside a running kiosk (PC/SC shares the card).
 */
export async function runCardRead(
  args: string[],
  io: CliIo,
  deps: CardReadDeps = { transport: () => new SmartcardTransport() },
): Promise<number> {
  const { values } = parseCliArgs({
    args,
    options: { reader: { type: 'string', default: '' }, timeout: { type: 'string', default: '30' } },
  });
  const seconds = Number(values.timeout);
  if (!(seconds > 0 && seconds <= 600))
    throw new UsageError(`--timeout: seconds between 0 and 600, got "${values.timeout}"`);
  const service = new CardService({
    transport: deps.transport(),
    readerName: values.reader ?? '',
    readerId: 'kioskctl',
  });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), seconds * 1000);
  const outcome = Promise.race([
    once(service, 'cardRead', { signal: abort.signal }).then(([identity]) => ({
      identity: identity as PatientIdentity,
    })),
    once(service, 'cardFailed', { signal: abort.signal }).then(([failure]) => ({
      code: (failure as { code: CardErrorCode }).code,
    })),
  ]).catch(() => ({ timedOut: true as const }));
  service.start();
  const result = await outcome;
  clearTimeout(timer);
  abort.abort();
  service.close();
  if ('identity' in result) {
    io.out(JSON.stringify(result.identity));
    return 0;
  }
  if ('code' in result) {
    io.err(`${result.code}: ${CARD_ERROR_MESSAGES[result.code]}`);
    return 1;
  }
  const state = service.state();
  io.err(
    state.state === 'no-reader'
      ? `no-reader: ${CARD_ERROR_MESSAGES['no-reader']}`
      : `timeout: no card read within ${seconds} s (reader ${state.state})`,
  );
  return 1;
}

export const cardReadCommand: CliCommand = {
  name: ['card', 'read'],
  summary: 'read the Carte Vitale in the PC/SC reader and print the identity as JSON',
  usage: [
    'Usage: kioskctl card read [--reader <name substring>] [--timeout <seconds, default 30>]',
    '  Reads the card already in the reader, or the next one put in. Prints {"lastName", "firstName",',
    '  "birthDate", "nir", "source"}; on failure prints "<code>: <meaning>" on stderr and exits 1.',
    `  Codes: ${Object.keys(CARD_ERROR_MESSAGES).join(', ')}.`,
  ].join('\n'),
  run: (args, io) => runCardRead(args, io),
};
