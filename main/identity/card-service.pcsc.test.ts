import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { CardErrorCode, CardState } from '../../common/identity/card-state';
import type { CardBeneficiaries, PatientIdentity } from '../../common/identity/identity';
import { requireStack } from '../../common/util/testing/require-stack';
import { startVitaleStack } from '../../drivers/simulators/vitale/pcsc-stack';
import type { VitaleScenarioName } from '../../drivers/simulators/vitale/scenarios';
import { SmartcardTransport } from '../../drivers/transport/pcsc';
import { runKioskctl } from '../cli/kioskctl';
import { CardService } from './card-service';

/**
 * The real stack: Debian's pcscd and vsmartcard-vpcd with our virtual Carte Vitale, read through
 * the `smartcard` addon. One stack for the file (one pcscd per machine); each test puts the card
 * of its scenario in the reader. The reader has its own name so that a kiosk started by another
 * test file (default config: "Virtual PCD") never reads these cards — except when a system pcscd
 * is already running, where the card goes into Debian's "Virtual PCD" reader (pcsc-stack.ts).
 */
const READER_NAME = 'Kiosk Test PCD';
const OUTCOME_TIMEOUT_MS = 12_000;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-pcsc-'));
const pcsc = await requireStack(
  'pcscd + vpcd (the virtual Carte Vitale)',
  () => startVitaleStack({ scenario: 'valid-card', runtimeDir: dir, removed: true, readerName: READER_NAME }),
  { stop: (stack) => stack.stop() },
);
const stack = pcsc.missing === null ? pcsc.value : null;
/** The reader's full name as PC/SC lists it (Debian's "Virtual PCD 00 00" when attached to a system pcscd). */
const readerFullName = stack?.readerName ?? '';

afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let service: CardService | null = null;
afterEach(async () => {
  service?.close();
  service = null;
  await stack?.control.remove();
});

type Outcome = { identity: PatientIdentity } | { code: CardErrorCode };

/** A card service on the test reader; resolves with the next outcome after `action`. */
async function nextOutcome(
  action: () => Promise<unknown>,
): Promise<{ outcome: Outcome; states: CardState['state'][] }> {
  service ??= new CardService({
    transport: new SmartcardTransport(),
    readerName: readerFullName,
    readerId: 'card-reader-1',
  });
  const states: CardState['state'][] = [];
  service.on('stateChanged', (s) => states.push(s.state));
  const signal = AbortSignal.timeout(OUTCOME_TIMEOUT_MS);
  const outcome = Promise.race([
    once(service, 'cardRead', { signal }).then(([identity, card]) => ({
      identity: identity as PatientIdentity,
      card: card as CardBeneficiaries,
    })),
    once(service, 'cardFailed', { signal }).then(([failure]) => failure as { code: CardErrorCode }),
  ]);
  if (states.length === 0) service.start();
  await action();
  return { outcome: await outcome, states };
}

async function insert(scenario: VitaleScenarioName) {
  return nextOutcome(async () => {
    await stack!.control.setScenario(scenario);
    await stack!.control.insert();
  });
}

pcsc.describe('card reading over pcscd + vpcd', () => {
  it('valid-card: reads the identity from the virtual Vitale 2', async () => {
    const { outcome, states } = await insert('valid-card');
    expect(outcome).toEqual({
      identity: {
        lastName: 'TEST',
        firstName: 'PATIENT',
        birthDate: '1969-05-01',
        nir: '269054958815780',
        source: 'card',
      },
      card: { beneficiaries: [expect.objectContaining({ nir: '269054958815780' })], unreadable: 0 },
    });
    expect(states).toEqual(['no-reader', 'empty', 'reading', 'read']);
    // Taking the card out empties the reader (the control's remove, as a patient would).
    const emptied = once(service!, 'stateChanged');
    await stack!.control.remove();
    expect(((await emptied) as [CardState])[0].state).toBe('empty');
  });

  it('two-beneficiaries: gives the holder and the child, in card order', async () => {
    const { outcome } = await insert('two-beneficiaries');
    expect(outcome).toMatchObject({
      card: {
        beneficiaries: [{ firstName: 'PATIENT' }, { firstName: 'ENFANT', birthDate: '2012-06-01' }],
        unreadable: 0,
      },
    });
  });

  it('unreadable-beneficiary: gives the readable child and counts the unreadable holder', async () => {
    const { outcome } = await insert('unreadable-beneficiary');
    expect(outcome).toMatchObject({ identity: { firstName: 'ENFANT' }, card: { unreadable: 1 } });
  });

  it('vitale-1: recognises the Vitale 1 ATR', async () => {
    expect((await insert('vitale-1')).outcome).toEqual({ code: 'vitale-1' });
  });

  it('wrong-nir-key: refuses the identity whose NIR key is wrong', async () => {
    expect((await insert('wrong-nir-key')).outcome).toEqual({ code: 'invalid-data' });
  });

  it('removed-mid-read: says the card was removed, then reads it once put back', async () => {
    expect((await insert('removed-mid-read')).outcome).toEqual({ code: 'removed-during-read' });
    expect(service!.state()).toMatchObject({ state: 'error', error: 'removed-during-read' });
    const reinserted = await nextOutcome(() => stack!.control.insert());
    expect(reinserted.outcome).toMatchObject({ identity: { nir: '269054958815780' } });
  });

  it('mute-card: reports a card that gives no usable ATR', async () => {
    expect((await insert('mute-card')).outcome).toEqual({ code: 'mute-card' });
  });

  it('kioskctl card read prints the identity of the card in the reader', async () => {
    await stack!.control.setScenario('valid-card');
    await stack!.control.insert();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runKioskctl(['card', 'read', '--reader', readerFullName, '--timeout', '10'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(JSON.parse(out[0]!)).toEqual({
      lastName: 'TEST',
      firstName: 'PATIENT',
      birthDate: '1969-05-01',
      nir: '269054958815780',
      source: 'card',
    });
  });
});
