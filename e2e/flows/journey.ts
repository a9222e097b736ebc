/// <reference lib="dom" />
// page.evaluate callbacks below run in the browser.
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/processes';
import { checkScreen } from '../support/a11y';
import { platformSends } from './flow-fixtures';

export type Lang = 'fr' | 'en' | 'es' | 'ar';
type Tree = { [key: string]: string | Tree };

/** The screens' own words, so a journey can run in any language. */
export function words(lang: Lang): (key: string) => string {
  const tree = JSON.parse(readFileSync(join(ROOT, 'renderer', 'i18n', 'locales', `${lang}.json`), 'utf8')) as Tree;
  return (key) => {
    const value = key
      .split('.')
      .reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
    if (typeof value !== 'string') throw new Error(`no translation ${key} in ${lang}`);
    return value;
  };
}

/** A fictitious patient with a NIR whose key is right (97 − N mod 97) and matches the birth date. */
export const PATIENT = (() => {
  const body = '1800575123456';
  const key = String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
  return {
    lastName: 'DUPONTEL',
    firstName: 'CAMILLE',
    day: '17',
    month: '05',
    year: '1980',
    nir: body + key,
    wrongKeyNir: body + (key === '00' ? '01' : '00'),
  };
})();

export async function expectStep(page: Page, step: string): Promise<void> {
  await expect(page.locator('.app')).toHaveAttribute('data-step', step);
}

/** Type on the on-screen keyboard (each character is a key of its own). */
export async function typeKeys(page: Page, text: string): Promise<void> {
  for (const char of text) await page.getByTestId('keyboard').getByRole('button', { name: char, exact: true }).click();
}

export async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  const names: Record<Lang, string> = { fr: 'Français', en: 'English', es: 'Español', ar: 'العربية' };
  await page.getByRole('button', { name: names[lang], exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** welcome → emergency (none) → identify, checking each screen. */
export async function startToIdentify(page: Page, lang: Lang, check = true): Promise<void> {
  await leaveStep(page, lang, 'welcome', 'welcome.start', check);
  await leaveStep(page, lang, 'emergency', 'emergency.none', check);
  await expectStep(page, 'identify');
  if (check) await checkScreen(page, lang, 'identify');
}

/** On `step` (its screen checked when asked), the patient presses the button labelled `buttonKey`. */
async function leaveStep(page: Page, lang: Lang, step: string, buttonKey: string, check: boolean): Promise<void> {
  await expectStep(page, step);
  if (check) await checkScreen(page, lang, step);
  await page.getByRole('button', { name: words(lang)(buttonKey) }).click();
}

/** identify → type my details → identity typed on the keyboard → submitted. */
export async function typeIdentity(page: Page, lang: Lang, nir: string, check = true): Promise<void> {
  const w = words(lang);
  await page.getByRole('button', { name: w('identify.typeDetails') }).click();
  await expectStep(page, 'identify-manual');
  await typeKeys(page, PATIENT.lastName);
  await page.locator('#manual-firstName').click();
  await typeKeys(page, PATIENT.firstName);
  await page.locator('#manual-day').click();
  await typeKeys(page, PATIENT.day);
  await page.locator('#manual-month').click();
  await typeKeys(page, PATIENT.month);
  await page.locator('#manual-year').click();
  await typeKeys(page, PATIENT.year);
  await page.locator('#manual-nir').click();
  await typeKeys(page, nir);
  if (check) await checkScreen(page, lang, 'identify-manual');
  await page.getByRole('button', { name: w('manual.submit'), exact: true }).click();
}

/** identity-confirm → care pathway → locality → consent (left on the consent screen). */
export async function confirmToConsent(page: Page, lang: Lang, check = true): Promise<void> {
  const w = words(lang);
  await leaveStep(page, lang, 'identity-confirm', 'confirm.yes', check);
  await expectStep(page, 'care-pathway');
  await page
    .getByTestId('question-has-mt')
    .getByRole('button', { name: w('frame.yes'), exact: true })
    .click();
  await page
    .getByTestId('question-referred')
    .getByRole('button', { name: w('frame.yes'), exact: true })
    .click();
  await page
    .getByTestId('question-ald')
    .getByRole('button', { name: w('frame.no'), exact: true })
    .click();
  if (check) await checkScreen(page, lang, 'care-pathway');
  await page.getByRole('button', { name: w('frame.continue'), exact: true }).click();
  await expectStep(page, 'locality');
  await expect(page.getByTestId('reimbursement')).toContainText('70');
  await typeKeys(page, '75011');
  if (check) await checkScreen(page, lang, 'locality');
  await page.getByRole('button', { name: w('frame.continue'), exact: true }).click();
  await expectStep(page, 'consent');
  if (check) await checkScreen(page, lang, 'consent');
}

/** consent → accept → reason (general practice) → contact (skipped) → waiting room, checking each screen. */
export async function consentToWaiting(page: Page, lang: Lang, check = true): Promise<void> {
  const w = words(lang);
  await page.getByRole('button', { name: w('consent.accept'), exact: true }).click();
  await expectStep(page, 'reason');
  await page.getByRole('button', { name: w('reason.specialties.general-practice') }).click();
  if (check) await checkScreen(page, lang, 'reason');
  await page.getByRole('button', { name: w('frame.continue'), exact: true }).click();
  await expectStep(page, 'contact');
  if (check) await checkScreen(page, lang, 'contact');
  await page.getByRole('button', { name: w('contact.skip'), exact: true }).click();
  // Issue 17: now, a slot or one's own doctor; the journey takes "now".
  await expectStep(page, 'when');
  if (check) await checkScreen(page, lang, 'when');
  await page.getByTestId('when-now').click();
  await expectStep(page, 'waiting');
}

/**
 * The pharmacist signs in from the staff corner (development PIN 2468, kiosk-config/default.json),
 * ticks the hygiene checklist and confirms it: the cabin is ready for the next patient (welcome).
 * `check` names the screenshot of the staff panel with its checklist.
 */
export async function pharmacistConfirmsHygiene(page: Page, lang: Lang, check?: string): Promise<void> {
  const w = words(lang);
  await page.getByTestId('staff-corner').click();
  const dialog = page.getByTestId('staff-dialog');
  for (const digit of '2468') await dialog.getByRole('button', { name: digit, exact: true }).click();
  await dialog.getByRole('button', { name: w('staff.signIn'), exact: true }).click();
  const checklist = dialog.getByRole('group', { name: w('staff.hygiene') });
  await expect(checklist).toBeVisible();
  for (const item of ['devices-disinfected', 'touchscreen-cleaned', 'seat-and-desk-cleaned', 'probe-covers-stocked']) {
    await checklist.getByRole('button', { name: w(`staff.items.${item}`) }).click();
  }
  if (check) await checkScreen(page, lang, check);
  await checklist.getByRole('button', { name: w('staff.confirmHygiene'), exact: true }).click();
  await expect(checklist).toHaveCount(0);
  await dialog.getByRole('button', { name: w('staff.close'), exact: true }).click();
  await expectStep(page, 'welcome');
}

/**
 * No name, NIR or birth date anywhere the page can keep it: the typed PATIENT's, and `others`
 * (e.g. the identity a card gave).
 */
export async function expectNoPatientDataLeft(page: Page, others: string[] = []): Promise<void> {
  const leftovers = await page.evaluate(
    async (needles) => {
      const places: Record<string, string> = {
        dom:
          document.documentElement.outerHTML + Array.from(document.querySelectorAll('input'), (i) => i.value).join(' '),
        localStorage: JSON.stringify({ ...localStorage }),
        sessionStorage: JSON.stringify({ ...sessionStorage }),
      };
      const dbs = (await indexedDB.databases?.()) ?? [];
      places.indexedDB = dbs.map((d: IDBDatabaseInfo) => d.name ?? '').join(' ');
      return Object.entries(places).flatMap(([place, text]) =>
        needles.filter((n) => text.includes(n)).map((n) => `${n} in ${place}`),
      );
    },
    [
      PATIENT.lastName,
      PATIENT.firstName,
      PATIENT.nir,
      `${PATIENT.year}-${PATIENT.month}-${PATIENT.day}`,
      `${PATIENT.day}/${PATIENT.month}/${PATIENT.year}`,
      ...others,
    ],
  );
  expect(leftovers).toEqual([]);
  const dbCount = await page.evaluate(async () => ((await indexedDB.databases?.()) ?? []).length);
  expect(dbCount, 'the screens keep nothing in IndexedDB').toBe(0);
}

/**
 * welcome → … → the doctor has taken the call, in French, the screens not checked (the happy path
 * checks them): where a measurement test starts.
 */
export async function reachConsultation(page: Page, kioskUrl: string): Promise<void> {
  await page.goto(kioskUrl);
  await startToIdentify(page, 'fr', false);
  await typeIdentity(page, 'fr', PATIENT.nir, false);
  await confirmToConsent(page, 'fr', false);
  await consentToWaiting(page, 'fr', false);
  await platformSends(page, { type: 'DOCTOR_ACCEPTED' });
  await expectStep(page, 'consultation');
}
