import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../common/ipc/contract';
import type { StaffOverview } from '../../common/staff/staff';
import { setUpScreenTests } from '../testing/screen-tests';
import { StaffPanel } from './StaffPanel';

setUpScreenTests();

const COUNTERS = {
  date: '2026-12-05',
  started: 0,
  completed: 0,
  cancelled: 0,
  emergency: 0,
  idleTimeout: 0,
  consentRefused: 0,
  leftQueue: 0,
  assistedTeleconsultations: 0,
};

function apiWith(overview: StaffOverview): KioskApi {
  return { getStaffOverview: async () => overview } as unknown as KioskApi;
}

const base: StaffOverview = {
  signedIn: 'pharmacist',
  hygieneDue: false,
  helpRequested: false,
  step: 'welcome',
  devices: [],
  counters: COUNTERS,
  platformCredential: null,
};

describe('StaffPanel', () => {
  it("tells the pharmacist the platform refuses the kiosk's credential, and what it means", async () => {
    render(<StaffPanel api={apiWith({ ...base, platformCredential: 'credential-expired' })} />);
    const alert = await screen.findByTestId('staff-credential');
    expect(alert.textContent).toContain("L'identifiant de cette borne auprès de la plateforme a expiré.");
    expect(alert.textContent).toContain('les données des patients restent gardées sur la borne');
  });

  it('says nothing about the credential while the platform accepts it', async () => {
    render(<StaffPanel api={apiWith(base)} />);
    await screen.findByText('Appareils');
    expect(screen.queryByTestId('staff-credential')).toBeNull();
  });
});
