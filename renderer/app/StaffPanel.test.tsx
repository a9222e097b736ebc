import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../common/ipc/contract';
import type { StaffOverview } from '../../common/staff/staff';
import { sampleDeviceStatus } from '../../common/records/testing/samples';
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
  technician: null,
  hygieneDue: false,
  helpRequested: false,
  step: 'welcome',
  devices: [],
  maintenance: [],
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

  const cuff = sampleDeviceStatus({
    deviceId: 'bp-1',
    kind: 'blood-pressure',
    model: 'omron-hem7322u',
    modelName: 'Omron HEM-7322U (M500 IT)',
    state: 'unavailable',
    calibration: 'failed',
    reason: { code: 'calibration-expired', detail: 'calibration is failed' },
  });
  const failedCheck = {
    deviceId: 'bp-1',
    calibratable: true,
    lastCheck: {
      calibrationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      performedAt: '2026-11-05T10:00:00.000Z',
      result: 'failed' as const,
      validUntil: null,
      certificateNumber: 'CAL-20261105-0F8FAD5B',
    },
  };

  it('says a device is out of service and why, to the pharmacist too, without a wizard', async () => {
    render(<StaffPanel api={apiWith({ ...base, devices: [cuff], maintenance: [failedCheck] })} />);
    const line = await screen.findByTestId('calibration-state-bp-1');
    expect(line.textContent).toBe('⚠ Hors service : dernier étalonnage non conforme (5 novembre 2026)');
    expect(screen.getByTestId('staff-device-bp-1').textContent).toContain('Tensiomètre (bp-1) — indisponible');
    expect(screen.queryByTestId('calibrate-bp-1')).toBeNull();
  });

  it('offers a technician the wizard and the last certificate of a calibratable device', async () => {
    const calibrate: string[] = [];
    render(
      <StaffPanel
        api={apiWith({ ...base, signedIn: 'technician', devices: [cuff], maintenance: [failedCheck] })}
        onCalibrate={(id) => calibrate.push(id)}
      />,
    );
    fireEvent.click(await screen.findByTestId('calibrate-bp-1'));
    expect(calibrate).toEqual(['bp-1']);
    expect(screen.getByRole('button', { name: 'Certificat CAL-20261105-0F8FAD5B' })).toBeTruthy();
  });

  it('says when a calibration is valid and until when, or was never recorded', async () => {
    const valid = { ...cuff, state: 'connected' as const, calibration: 'valid' as const, reason: null };
    const passed = {
      ...failedCheck,
      lastCheck: { ...failedCheck.lastCheck, result: 'passed' as const, validUntil: '2027-11-05T10:00:00.000Z' },
    };
    const oximeter = sampleDeviceStatus({ calibration: 'unknown' });
    render(<StaffPanel api={apiWith({ ...base, devices: [valid, oximeter], maintenance: [passed] })} />);
    expect((await screen.findByTestId('calibration-state-bp-1')).textContent).toBe(
      'Étalonnage conforme, prochain avant le 5 novembre 2027',
    );
    expect(screen.getByTestId('calibration-state-oximeter-1').textContent).toBe('Étalonnage non enregistré');
  });
});
