import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeviceDiagnostics, DeviceFrame } from '../../common/devices/diagnostics';
import type { KioskApi } from '../../common/ipc/contract';
import { sampleDeviceStatus } from '../../common/records/testing/samples';
import { setUpScreenTests } from '../testing/screen-tests';
import { TechnicianDiagnostics } from './TechnicianDiagnostics';

setUpScreenTests();

describe('TechnicianDiagnostics', () => {
  it('lists each device with serial, port and calibration dates, and shows a monitored device’s frames in hex beside their decoding', async () => {
    const device: DeviceDiagnostics = {
      ...sampleDeviceStatus(),
      deviceId: 'oximeter-1',
      transport: 'serial',
      serialNumber: 'SN-42',
      firmware: null,
      port: '/dev/ttyUSB0',
      lastCalibration: { performedAt: '2026-06-01T10:00:00Z', result: 'passed' },
      nextCalibration: '2027-06-01T00:00:00Z',
    };
    const monitored: (string | null)[] = [];
    let push: (frame: DeviceFrame) => void = () => {};
    const api = {
      getDiagnostics: async () => [device],
      monitorDevice: async ({ deviceId }: { deviceId: string | null }) => {
        monitored.push(deviceId);
        return { ok: true, deviceId };
      },
      onDeviceFrame: (listener: (frame: DeviceFrame) => void) => {
        push = listener;
        return () => {};
      },
    } as unknown as KioskApi;
    const { unmount } = render(<TechnicianDiagnostics api={api} onClose={() => {}} />);
    const row = await screen.findByTestId('diagnostics-oximeter-1');
    expect(row.textContent).toContain('SN-42');
    expect(row.textContent).toContain('/dev/ttyUSB0');
    expect(row.textContent).toMatch(/1 juin 2026 \(conforme\)/);
    expect(row.textContent).toContain('1 juin 2027');
    fireEvent.click(screen.getByTestId('monitor-oximeter-1'));
    await screen.findByText(/En attente de trames/);
    act(() =>
      push({
        deviceId: 'oximeter-1',
        at: '2026-12-05T10:00:00.123Z',
        hex: 'FF 81 61',
        decoded: 'oximetry spo2=97',
        error: false,
      }),
    );
    expect(screen.getByTestId('frame-hex').textContent).toBe('FF 81 61');
    expect(screen.getByTestId('frame-decoded').textContent).toBe('oximetry spo2=97');
    unmount();
    // Leaving the screen stops the stream.
    expect(monitored).toEqual(['oximeter-1', null]);
  });
});
