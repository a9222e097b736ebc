import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStack, type StackCheck } from '../../common/util/testing/stack-check';
import { startVitaleStack, type VitaleStack } from '../../drivers/simulators/vitale/pcsc-stack';
import type { VitaleControl } from '../../drivers/simulators/vitale/control-client';
import {
  SYNTHETIC_BENEFICIARY,
  SYNTHETIC_CHILD,
  type VitaleScenarioName,
} from '../../drivers/simulators/vitale/scenarios';
import { checkScreen } from '../support/a11y';
import { ROOT } from '../support/processes';
import { usableStack } from '../support/require-stack';
import { currentFlow, expect, test as flowTest } from './flow-fixtures';
import {
  chooseLanguage,
  expectNoPatientDataLeft,
  expectStep,
  PATIENT,
  pharmacistConfirmsHygiene,
  startToIdentify,
  typeIdentity,
  words,
} from './journey';

/**
 * Identification with the Carte Vitale over the real PC/SC stack: Debian's pcscd and vsmartcard-vpcd
 * with the virtual card of drivers/simulators/vitale, read by the kiosk's own card service. One stack
 * for the worker (one pcscd per machine), on a reader of its own name so that no other kiosk reads
 * these cards; each test's kiosk watches that reader. Where pcscd cannot run, the tests skip with
 * the reason, or fail with it under CI.
 */
const test = flowTest.extend<{ card: VitaleControl; vitale: VitaleStack }, { vitaleStack: StackCheck<VitaleStack> }>({
  vitaleStack: [
    // Playwright reads the fixture's dependencies from this destructuring; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'kiosk-card-e2e-'));
      const started = await checkStack(
        'pcscd + vpcd (the virtual Carte Vitale)',
        () =>
          startVitaleStack({
            scenario: 'valid-card',
            runtimeDir: dir,
            removed: true,
            readerName: `Kiosk E2E PCD ${process.pid}`,
          }),
        { stop: (stack) => stack.stop() },
      );
      await use(started);
      if (started.ok) await started.value.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  vitale: async ({ vitaleStack }, use) => use(usableStack(vitaleStack)),
  // The kiosk's card reader is the stack's reader (not the default "Virtual PCD").
  configPatch: async ({ vitale }, use) => {
    const config = JSON.parse(readFileSync(join(ROOT, 'kiosk-config', 'default.json'), 'utf8')) as {
      devices: Record<string, unknown>[];
    };
    const devices = config.devices.map((d) =>
      d.transport === 'pcsc' ? { id: d.id, model: d.model, transport: d.transport, readerName: vitale.readerName } : d,
    );
    await use({ devices });
  },
  card: async ({ vitale }, use) => {
    const control = vitale.control;
    await control.remove();
    await use(control);
    await control.remove();
  },
});

const CARD = SYNTHETIC_BENEFICIARY;
const CARD_BIRTH = {
  iso: `${CARD.birthDate.slice(0, 4)}-${CARD.birthDate.slice(4, 6)}-${CARD.birthDate.slice(6)}`,
  shown: `${CARD.birthDate.slice(6)}/${CARD.birthDate.slice(4, 6)}/${CARD.birthDate.slice(0, 4)}`,
};
const w = words('fr');

/** Opens the kiosk and goes to the card step; the kiosk watches the stack's reader, so it asks for the card. */
async function toCardStep(page: Page, kioskUrl: string): Promise<void> {
  await page.goto(kioskUrl);
  await startToIdentify(page, 'fr', false);
  await expect(page.getByTestId('card-state')).toHaveText(w('identify.card.empty'));
}

/** Puts a card of that scenario in the reader. */
async function putIn(card: VitaleControl, scenario: VitaleScenarioName): Promise<void> {
  await card.setScenario(scenario);
  await card.insert();
}

test('an unreadable card, then a Vitale 1: the plain message, and typing one’s details completes', async ({
  page,
  kioskUrl,
  card,
}) => {
  await toCardStep(page, kioskUrl);

  await putIn(card, 'mute-card');
  const error = page.getByTestId('card-error');
  await expect(error).toContainText(w('card.error.mute-card'));
  await expect(error.getByRole('button', { name: w('identify.retry') })).toBeVisible();
  await expect(page.getByRole('button', { name: w('identify.typeDetails') })).toBeVisible();
  await checkScreen(page, 'fr', 'identify-card-error');

  // Taken out and another card put in: a Vitale 1 cannot be read here, the screen says to type.
  await card.remove();
  await putIn(card, 'vitale-1');
  await expect(error).toContainText(w('card.error.vitale-1'));
  await card.remove();

  await typeIdentity(page, 'fr', PATIENT.nir, false);
  await expectStep(page, 'identity-confirm');
  await expect(page.getByTestId('screen-identity-confirm')).toContainText(PATIENT.lastName);
  expect((await currentFlow(page)).identification.identity).toMatchObject({
    lastName: PATIENT.lastName,
    source: 'manual',
  });
  await page.getByRole('button', { name: w('confirm.yes') }).click();
  await expectStep(page, 'care-pathway');
});

test('a card pulled out mid-read: told to put it back, then read', async ({ page, kioskUrl, card }) => {
  await toCardStep(page, kioskUrl);
  await putIn(card, 'removed-mid-read');
  await expect(page.getByTestId('card-error')).toContainText(w('card.error.removed-during-read'));
  await card.insert();
  await expectStep(page, 'identity-confirm');
  await expect(page.getByTestId('screen-identity-confirm')).toContainText(CARD.lastName);
});

test('a valid card: the identity read is shown back for confirmation, and wiped on stop', async ({
  page,
  kioskUrl,
  card,
}) => {
  await toCardStep(page, kioskUrl);
  await putIn(card, 'valid-card');

  await expectStep(page, 'identity-confirm');
  const shown = page.getByTestId('screen-identity-confirm');
  await expect(shown).toContainText(CARD.lastName);
  await expect(shown).toContainText(CARD.firstName);
  await expect(shown).toContainText(CARD_BIRTH.shown);
  await checkScreen(page, 'fr', 'identity-confirm-card');
  expect((await currentFlow(page)).identification.identity).toMatchObject({ nir: CARD.nir, source: 'card' });
  await page.getByRole('button', { name: w('confirm.yes') }).click();
  await expectStep(page, 'care-pathway');

  await page.getByRole('button', { name: w('frame.cancel') }).click();
  await card.remove();
  await expectStep(page, 'cabin-not-ready');
  await expectNoPatientDataLeft(page, [CARD.nir, CARD_BIRTH.iso, CARD_BIRTH.shown]);
  await pharmacistConfirmsHygiene(page, 'fr');
});

test('a card put in before "start" is read once the patient reaches the card step', async ({
  page,
  kioskUrl,
  card,
}) => {
  await page.goto(kioskUrl);
  await expectStep(page, 'welcome');
  await putIn(card, 'valid-card');
  // Read while the patient is still on the welcome screen.
  await expect.poll(async () => (await currentFlow(page)).identification.card?.state).toBe('read');
  await startToIdentify(page, 'fr', false);
  await expectStep(page, 'identity-confirm');
  await expect(page.getByTestId('screen-identity-confirm')).toContainText(CARD.lastName);
});

test('a card carrying two people: both listed, the patient chooses the second, whose identity is confirmed', async ({
  page,
  kioskUrl,
  card,
}) => {
  await toCardStep(page, kioskUrl);
  await putIn(card, 'two-beneficiaries');
  await expectStep(page, 'identify-choose');
  const list = page.getByTestId('screen-identify-choose');
  await expect(list.getByRole('button', { name: /PATIENT TEST/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /ENFANT TEST, né\(e\) le 01\/06\/2012/ })).toBeVisible();
  await checkScreen(page, 'fr', 'identify-choose');

  await list.getByRole('button', { name: /ENFANT TEST/ }).click();
  await expectStep(page, 'identity-confirm');
  await expect(page.getByTestId('screen-identity-confirm')).toContainText('ENFANT');
  expect((await currentFlow(page)).identification.identity).toMatchObject({ nir: SYNTHETIC_CHILD.nir, source: 'card' });
  await page.getByRole('button', { name: w('confirm.yes') }).click();
  await expectStep(page, 'care-pathway');
});

test('a card with an unreadable beneficiary says so plainly (in Arabic too) and offers the other, or typing', async ({
  page,
  kioskUrl,
  card,
}) => {
  await page.goto(kioskUrl);
  await chooseLanguage(page, 'ar');
  await startToIdentify(page, 'ar', false);
  await putIn(card, 'unreadable-beneficiary');
  await expectStep(page, 'identify-choose');
  const ar = words('ar');
  await expect(page.getByTestId('unreadable-beneficiaries')).toContainText(ar('choose.unreadable').split('{{')[0]!);
  await expect(page.getByRole('button', { name: /ENFANT/ })).toBeVisible();
  await checkScreen(page, 'ar', 'identify-choose-unreadable');
  await page.getByRole('button', { name: ar('choose.notListed') }).click();
  await expectStep(page, 'identify-manual');
});
