import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cabin } from '../common/pharmacy/cabins';
import { CabinGrid } from './CabinGrid';
import { portalI18n } from './i18n';

afterEach(cleanup);

const cabin = (over: Partial<Cabin>): Cabin => ({
  kioskId: 'kiosk-1',
  label: 'Cabine 1',
  state: 'free',
  lastSeen: '2026-12-06T10:00:00.000Z',
  screenFailed: false,
  devicesOutOfService: [],
  printer: null,
  printFailure: null,
  hygiene: null,
  ...over,
});

describe('CabinGrid', () => {
  it('says a cabin whose screens failed for good is out of service and what to do, not when it last reported', async () => {
    render(
      <I18nextProvider i18n={await portalI18n(null)}>
        <CabinGrid
          cabins={[
            cabin({ state: 'out-of-service', screenFailed: true }),
            cabin({ kioskId: 'kiosk-2', state: 'out-of-service' }),
          ]}
        />
      </I18nextProvider>,
    );
    const [failed, silent] = screen.getAllByTestId('cabin');
    expect(failed!.textContent).toContain('Hors service');
    expect(failed!.querySelector('[data-testid="cabin-screen-failed"]')!.textContent).toContain(
      'Redémarrez la borne ; si cela recommence, appelez le technicien.',
    );
    expect(failed!.textContent).not.toContain('Dernier signal');
    expect(silent!.textContent).toMatch(/Dernier signal à \d\d:\d\d/);
    expect(silent!.querySelector('[data-testid="cabin-screen-failed"]')).toBeNull();
  });
});
