import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardErrorCode } from '../../common/identity/card-state';
import type { PatientIdentity } from '../../common/identity/identity';
import { isCi } from '../../common/util/testing/ci';
import { startVitaleStack, type VitaleStack } from '../../drivers/simulators/vitale/pcsc-stack';
import { SYNTHETIC_BENEFICIARY } from '../../drivers/simulators/vitale/scenarios';
import { SmartcardTransport } from '../../drivers/transport/pcsc';
import { KioskStore } from '../../main/db/kiosk-store';
import { CardService } from '../../main/identity/card-service';
import { within } from './deadline';
import type { FaultResult } from './fault';

/**
 * The Carte Vitale pulled out in the middle of its read, RUNS times: Debian's pcscd and vpcd with
 * the virtual card (its `removed-mid-read` scenario pulls it on the first READ BINARY of the identity
 * file), read by the kiosk's CardService through the smartcard addon, each identity saved into a
 * real store as the flow does, one session per patient. Each time the card is put back and read
 * again. Lost: a session without the identity once the card was read again; duplicated: an identity
 * saved for the interrupted read, or saved twice for one session.
 */
const RUNS = 10;
const READER_NAME = 'Kiosk Fault PCD';
const WAIT_MS = 15_000;

type Outcome = { identity: PatientIdentity } | { failed: CardErrorCode };

export default async function cardRemoval(): Promise<FaultResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fault-card-'));
  let stack: VitaleStack | null = null;
  let service: CardService | null = null;
  const store = KioskStore.open({ file: join(dir, 'kiosk-store.sqlite'), key: Buffer.alloc(32, 5) });
  try {
    try {
      stack = await startVitaleStack({
        scenario: 'valid-card',
        runtimeDir: dir,
        removed: true,
        readerName: READER_NAME,
      });
    } catch (error) {
      const why = `pcscd + vpcd (the virtual Carte Vitale) cannot run here: ${(error as Error).message}`;
      throw new Error(isCi(process.env) ? `${why} (CI: this run fails, it does not skip)` : why);
    }
    const card = new CardService({
      transport: new SmartcardTransport(),
      readerName: stack.readerName,
      readerId: 'card-reader-1',
    });
    service = card;
    let sessionId = '';
    const outcomes: Outcome[] = [];
    let waiting: ((o: Outcome) => void) | null = null;
    const settle = (o: Outcome) => {
      outcomes.push(o);
      waiting?.(o);
    };
    // The flow's part: a card read saves the identity into the session under way.
    card.on('cardRead', (identity) => {
      store.saveIdentity(sessionId, identity);
      settle({ identity });
    });
    card.on('cardFailed', ({ code }) => settle({ failed: code }));
    const next = (action: () => Promise<unknown>) =>
      within(
        new Promise<Outcome>((resolve) => {
          waiting = resolve;
          void action();
        }),
        WAIT_MS,
        'the card read to end',
      );
    card.start();

    const sessions: string[] = [];
    let interruptedKept = 0;
    let reportedRemoved = 0;
    let readAgain = 0;
    for (let run = 0; run < RUNS; run++) {
      sessionId = randomUUID();
      sessions.push(sessionId);
      store.openSession({ id: sessionId, kioskId: 'fault-kiosk', startedAt: new Date().toISOString() });
      const interrupted = await next(async () => {
        await stack!.control.setScenario('removed-mid-read');
        await stack!.control.insert();
      });
      if ('failed' in interrupted && interrupted.failed === 'removed-during-read') reportedRemoved++;
      // Nothing of the interrupted read may be in the session.
      if (store.consultation(sessionId)?.identity) interruptedKept++;
      // The patient puts the card back; the kiosk reads it again.
      const again = await next(() => stack!.control.insert());
      if ('identity' in again && again.identity.nir === SYNTHETIC_BENEFICIARY.nir) readAgain++;
      await stack.control.remove();
    }
    const identityRows = new Map<string, number>();
    for (const { item } of store.outbox.pending(100_000))
      if (item.kind === 'identity') identityRows.set(item.sessionId, (identityRows.get(item.sessionId) ?? 0) + 1);
    const withIdentity = sessions.filter((s) => store.consultation(s)?.identity?.nir === SYNTHETIC_BENEFICIARY.nir);
    return {
      name: 'the card removed mid-read',
      injected: `${RUNS} Carte Vitale removals during the identity file's READ BINARY (pcscd + vpcd), each put back`,
      lost: sessions.length - withIdentity.length,
      duplicated: interruptedKept + [...identityRows.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      checks: `removal reported as removed-during-read: ${reportedRemoved}/${RUNS}; identities kept from the interrupted reads: ${interruptedKept}; read again once put back: ${readAgain}/${RUNS}; card outcomes ${outcomes.length} for ${RUNS * 2} insertions`,
    };
  } finally {
    service?.close();
    await stack?.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
