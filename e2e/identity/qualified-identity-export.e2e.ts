import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDENTITY_RELIABILITY_URL, CONSENT_TEXT_SHA256_URL } from '../../common/fhir/codes';
import type { Bundle, BundleResource } from '../../common/fhir/r4-types';
import { INS_NIR_OID } from '../../common/identity/ins';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { startVitaleStack, type VitaleStack } from '../../drivers/simulators/vitale/pcsc-stack';
import { SYNTHETIC_CHILD } from '../../drivers/simulators/vitale/scenarios';
import { startInsiTestServer, type InsiTestServer } from '../../server/identity/testing/insi-test-server';
import {
  startPscTestProvider,
  type PscTestProvider,
} from '../../server/auth/pro-sante-connect/testing/psc-test-provider';
import { resolveWorkerBin } from '../../server/media/worker-pool';
import { startKioskHost } from '../call/kiosk-host';
import { consentToWaiting, confirmToConsent, expectStep, startToIdentify, typeKeys, words } from '../flows/journey';
import { expectNoSeriousA11yViolation, expectTouchTargets, saveScreen } from '../support/a11y';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startEntry, type Started } from '../support/processes';
import { requireStack } from '../support/require-stack';
import { doctorGet, kioskSessionId } from '../support/session-requests';

/**
 * Issue 21's "done when", on the real stack: the doctor signs in on the console through a local
 * OpenID provider in Pro Santé Connect's shape; a patient puts in a Carte Vitale carrying two
 * beneficiaries (the virtual card over pcscd + vpcd) and chooses the second, the child; the platform
 * searches the child in INSi (a local test server holding the child) as soon as the identity is
 * synced and recovers the INS; the pharmacist, at the counter, checks the identity card and records
 * it in the portal: qualified. The doctor takes the call, prescribes and ends it; the consultation's
 * FHIR export holds a Patient with the INS (OID 1.2.250.1.213.1.4.8) and its reliability
 * "qualified", a Consent with the hash of the text shown and a MedicationRequest, and the official
 * FHIR R4 JSON schema (validated by ajv: @asymmetrik/fhir-json-schema-validator, not our code)
 * finds no error in it.
 */
const KIOSK_ID = 'kiosk-ins-e2e';
const CHILD_TRAITS = {
  birthName: 'TEST',
  birthGivenNames: 'ENFANT',
  birthDate: '2012-06-01',
  sex: 'M',
  birthplaceCode: '75123',
  usedName: null,
  usedGivenName: null,
} as const;

let dir: string;
let vitale: VitaleStack;
let insi: InsiTestServer;
let provider: PscTestProvider;
let platform: Started;
let platformUrl: string;
let credentialFile: string;
let browser: Browser;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await requireStack('the mediasoup worker', resolveWorkerBin);
  dir = mkdtempSync(join(tmpdir(), 'ins-e2e-'));
  vitale = await requireStack('pcscd + vpcd (the virtual Carte Vitale)', () =>
    startVitaleStack({
      scenario: 'two-beneficiaries',
      runtimeDir: dir,
      removed: true,
      readerName: `INS E2E PCD ${process.pid}`,
    }),
  );
  insi = await startInsiTestServer([{ ins: SYNTHETIC_CHILD.nir, traits: CHILD_TRAITS }]);
  provider = await startPscTestProvider();
  credentialFile = join(dir, 'kiosk-credential');
  platform = await startEntry(
    'server/main.ts',
    [
      '--port',
      '0',
      '--data-dir',
      join(dir, 'data'),
      '--dev',
      '--dev-kiosk',
      `${KIOSK_ID}=${credentialFile}`,
      '--workers',
      '1',
    ],
    ['PLATFORM_URL'],
    {
      PSC_ISSUER: provider.settings.issuer,
      PSC_CLIENT_ID: provider.settings.clientId,
      PSC_CLIENT_SECRET: provider.settings.clientSecret,
      PLATFORM_INSI_URL: insi.url,
      KIOSK_LOG_LEVEL: 'info',
    },
  );
  platformUrl = platform.values.PLATFORM_URL!;
  provider.registerRedirect(`${platformUrl}${PLATFORM_API.pscCallback}`);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

test.afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await provider?.close();
  await insi?.close();
  await vitale?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The doctor on the console, signed in through the local Pro Santé Connect (the dev doctor's RPPS). */
async function doctorSignsInWithPsc(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 1000 },
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  await page.goto(`${platformUrl}/console/`);
  await page.getByTestId('sign-in-psc').click();
  await expect(page.getByTestId('doctor-name')).toHaveText('Dr Claire Martin', { timeout: 20_000 });
  expect(new URL(page.url()).search).toBe('');
  return page;
}

/** The pharmacist's portal at the counter, signed in (the development pharmacy owns the kiosk). */
async function openPortal(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 1400 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${platformUrl}/portal/`);
  await page.getByTestId('sign-in-email').fill('pharmacien@kiosk.test');
  await page.getByTestId('sign-in-password').fill('comptoir-dev');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('portal-board')).toHaveAttribute('data-status', 'live');
  return page;
}

/** The patient puts in the two-beneficiary card, chooses the child, and goes on to the waiting room. */
async function childToWaitingRoom(kiosk: Page): Promise<void> {
  await startToIdentify(kiosk, 'fr', false);
  await vitale.control.setScenario('two-beneficiaries');
  await vitale.control.insert();
  await expectStep(kiosk, 'identify-choose');
  await kiosk
    .getByTestId('screen-identify-choose')
    .getByRole('button', { name: /ENFANT TEST/ })
    .click();
  await expectStep(kiosk, 'identity-confirm');
  await confirmToConsent(kiosk, 'fr', false);
  await consentToWaiting(kiosk, 'fr', false);
}

const resources = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource);
const ofType = <T extends BundleResource['resourceType']>(bundle: Bundle, type: T) =>
  resources(bundle).filter((r): r is Extract<BundleResource, { resourceType: T }> => r.resourceType === type);

test('a PSC doctor, the second beneficiary of a card, the pharmacist qualifies: the FHIR export holds the qualified INS and validates', async () => {
  test.setTimeout(300_000);
  const host = await startKioskHost({
    platformUrl,
    credentialFile,
    kioskId: KIOSK_ID,
    devices: [{ id: 'card-reader-1', model: 'pcsc-vitale', transport: 'pcsc', readerName: vitale.readerName }],
  });
  try {
    const console_ = await doctorSignsInWithPsc();
    const kioskContext = await browser.newContext({
      permissions: ['camera', 'microphone'],
      viewport: { width: 1080, height: 1920 },
    });
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(host.url);
    await childToWaitingRoom(kiosk);
    const sessionId = await kioskSessionId(kiosk);

    // The identity synced, INSi answered: the portal shows the child recovered, a document to check.
    const portal = await openPortal();
    const item = portal.locator(`[data-testid="identity-item"][data-session-id="${sessionId}"]`);
    await expect(item).toHaveAttribute('data-status', 'recovered', { timeout: 30_000 });
    await expect(item.getByTestId('identity-insi')).toHaveText('INSi : identité trouvée, INS récupéré.');
    await expect(item).toContainText('TEST ENFANT');
    await expectTouchTargets(portal, 'portal identities');
    await expectNoSeriousA11yViolation(portal, 'portal identities');
    await saveScreen(portal, 'portal', 'identity-recovered');
    await item.getByTestId('identity-check-CN').click();
    await expect(item).toHaveAttribute('data-status', 'qualified');
    await expect(item.getByTestId('identity-status')).toHaveText(`✓ Identité qualifiée — INS ${SYNTHETIC_CHILD.nir}`);
    await expect(item.getByTestId('identity-document')).toHaveText("Pièce vérifiée : Carte nationale d'identité");
    await saveScreen(portal, 'portal', 'identity-qualified');

    // The doctor takes the child, sees the identity qualified, prescribes and ends the call.
    await console_.getByTestId('queue-row').last().getByTestId('queue-accept').click();
    await expect(console_.getByTestId('consultation')).toBeVisible();
    const consultationId = (await console_.getByTestId('consultation').getAttribute('data-consultation-id'))!;
    await expectStep(kiosk, 'consultation');
    await expect(console_.getByTestId('identity-reliability')).toHaveAttribute('data-status', 'qualified', {
      timeout: 10_000,
    });
    await expect(console_.getByTestId('identity-document')).toHaveText('Pièce vérifiée : Carte d’identité');
    await saveScreen(console_, 'fr', 'console-identity-qualified');
    // The note by section: it goes into the export as a Composition, one section per part.
    await console_.getByTestId('note-reason').fill('Fièvre depuis hier');
    await console_.getByTestId('note-conclusion').fill('Virose probable <à revoir>');
    await console_.getByTestId('rx-item-0').fill('Paracétamol 500 mg');
    await console_.getByTestId('rx-dosage-0').fill('1 comprimé toutes les 6 heures si fièvre');
    await console_.getByTestId('rx-duration-0').fill('3 jours');
    await console_.getByTestId('end-call').click();
    // With a prescription, the end opens its preview; signing it ends the call.
    await console_.getByTestId('rx-sign').click();
    await expectStep(kiosk, 'end');

    // The export, once the kiosk's records (consent, identity) and the report are on the platform.
    let bundle: Bundle | null = null;
    await expect
      .poll(
        async () => {
          const res = await doctorGet(console_, `/api/records/sessions/${sessionId}/fhir`);
          if (res.status !== 200) return `HTTP ${res.status}`;
          bundle = JSON.parse(Buffer.from(res.base64, 'base64').toString('utf8')) as Bundle;
          const have = (type: BundleResource['resourceType']) => ofType(bundle!, type).length > 0;
          return have('Consent') && have('MedicationRequest') ? 'complete' : 'waiting';
        },
        { timeout: 30_000, intervals: [500] },
      )
      .toBe('complete');
    const exported = bundle as unknown as Bundle;
    const [patient] = ofType(exported, 'Patient');
    expect(patient?.identifier).toEqual([
      expect.objectContaining({ system: `urn:oid:${INS_NIR_OID}`, value: SYNTHETIC_CHILD.nir }),
    ]);
    const reliability = patient?.extension?.find((e) => e.url === IDENTITY_RELIABILITY_URL);
    expect(JSON.stringify(reliability)).toContain('"code":"QUAL"');
    expect(JSON.stringify(reliability)).toContain('"code":"CN"');
    const consent = ofType(exported, 'Consent')[0];
    expect(JSON.stringify(consent)).toMatch(new RegExp(`${CONSENT_TEXT_SHA256_URL}.*[0-9a-f]{64}`));
    expect(JSON.stringify(ofType(exported, 'MedicationRequest')[0])).toContain('Paracétamol 500 mg');
    const [note] = ofType(exported, 'Composition');
    expect(note?.section.map((section) => section.title)).toEqual(['Motif', 'Conclusion']);
    expect(note?.section[1]?.text.div).toContain('Virose probable &lt;à revoir&gt;');
    // The independent check: the official FHIR R4 JSON schema, through ajv.
    const validator = new JSONSchemaValidator();
    expect(validator.validate(exported)).toEqual([]);
    for (const resource of resources(exported)) expect(validator.validate(resource), resource.resourceType).toEqual([]);
    console.log(
      `FHIR export of the consultation ${consultationId}: ${resources(exported).length} resources (${resources(exported)
        .map((r) => r.resourceType)
        .join(', ')}), 0 schema errors`,
    );
    await kioskContext.close();
  } finally {
    await host.stop();
  }
});

test('a foreign patient without an NIR: INSi finds no one, the identity stays provisional; a passport checked makes it validated, never qualified', async () => {
  test.setTimeout(180_000);
  const host = await startKioskHost({ platformUrl, credentialFile, kioskId: KIOSK_ID });
  try {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const kiosk = await context.newPage();
    await kiosk.goto(host.url);
    await startToIdentify(kiosk, 'fr', false);
    await kiosk.getByRole('button', { name: words('fr')('identify.typeDetails') }).click();
    await kiosk.getByTestId('manual-no-nir').click();
    await typeKeys(kiosk, 'ELAMRANI');
    await kiosk.locator('#manual-firstName').click();
    await typeKeys(kiosk, 'YASMINE');
    for (const [field, value] of [
      ['day', '14'],
      ['month', '03'],
      ['year', '1990'],
    ] as const) {
      await kiosk.locator(`#manual-${field}`).click();
      await typeKeys(kiosk, value);
    }
    await kiosk.getByTestId('manual-sex-F').click();
    await kiosk.getByTestId('manual-born-abroad').click();
    await kiosk.locator('#manual-birthplace').click();
    await typeKeys(kiosk, 'MAR');
    await kiosk.getByTestId('manual-birthplace-matches').getByRole('button', { name: 'Maroc' }).click();
    await kiosk.getByRole('button', { name: words('fr')('manual.submit'), exact: true }).click();
    await confirmToConsent(kiosk, 'fr', false);
    const sessionId = await kioskSessionId(kiosk);

    const portal = await openPortal();
    const item = portal.locator(`[data-testid="identity-item"][data-session-id="${sessionId}"]`);
    await expect(item.getByTestId('identity-insi')).toHaveAttribute('data-insi', 'not-found', { timeout: 30_000 });
    await expect(item.getByTestId('identity-insi')).toHaveText(
      "INSi : aucune identité trouvée avec ces traits. Aucun INS n'est récupéré.",
    );
    await expect(item).toHaveAttribute('data-status', 'provisional');
    await expect(item).toContainText('Femme · né(e) le 14/03/1990 · lieu de naissance : Maroc (INSEE 99350)');
    await item.getByTestId('identity-check-PA').click();
    await expect(item).toHaveAttribute('data-status', 'validated');
    await expect(item.getByTestId('identity-status')).toHaveText('⚠ Identité validée (pièce vérifiée, sans INS)');
    await saveScreen(portal, 'portal', 'identity-validated-no-nir');
    // INSi was asked with the typed traits, the country's INSEE code among them.
    expect(insi.queries.at(-1)).toEqual({
      birthName: 'ELAMRANI',
      givenName: 'YASMINE',
      sex: 'F',
      birthDate: '1990-03-14',
      birthplaceCode: '99350',
    });
    await context.close();
    await portal.context().close();
  } finally {
    await host.stop();
  }
});
