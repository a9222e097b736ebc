import { describe, expect, it } from 'vitest';
import { DeviceConfig } from '../../kiosk-config/schema';
import { mediaInputsOf } from './media-inputs';
import { sysfsUsbAudioProbe, usbIdsOf } from './usb-audio-probe';

function stethoscope(extra: Record<string, unknown>) {
  const device = DeviceConfig.parse({
    id: 'stethoscope-1',
    model: 'usb-audio-stethoscope',
    transport: 'usb-audio',
    ...extra,
  });
  if (device.transport !== 'usb-audio') throw new Error('not a USB audio device');
  return device;
}

describe('the media inputs the screens capture', () => {
  it('picks a simulated stethoscope by the fake input the catalogue names', () => {
    expect(mediaInputsOf([stethoscope({ simulator: { scenario: 'normal' } })])).toEqual([
      { deviceId: 'stethoscope-1', kind: 'stethoscope', labels: ['Fake Audio Input 2'] },
    ]);
  });

  it("picks a real one by the site's label, else by the catalogue's", () => {
    const ids = { vendorId: '0d8c', productId: '0014' };
    expect(mediaInputsOf([stethoscope({ ...ids, label: 'USB Audio Device' })])[0]?.labels).toEqual([
      'USB Audio Device',
    ]);
    expect(mediaInputsOf([stethoscope(ids)])[0]?.labels).toEqual(['stethoscope', 'stéthoscope']);
  });

  it('lists an examination camera as a video input: simulated by the second fake camera, or by the label given', () => {
    const camera = (extra: Record<string, unknown>) =>
      DeviceConfig.parse({ id: 'otoscope-1', model: 'uvc-otoscope', transport: 'uvc-camera', ...extra });
    expect(mediaInputsOf([camera({ simulator: { scenario: 'normal' } })])).toEqual([
      { deviceId: 'otoscope-1', kind: 'exam-camera', labels: ['fake_device_2'] },
    ]);
    expect(mediaInputsOf([camera({ simulator: { scenario: 'normal' }, label: 'ear.y4m' })])[0]?.labels).toEqual([
      'ear.y4m',
    ]);
    expect(mediaInputsOf([camera({ vendorId: '0c45', productId: '6366' })])[0]?.labels).toEqual([
      'otoscope',
      'dermatoscope',
      'endoscope',
    ]);
    expect(() => camera({})).toThrow(/no USB ids in the catalogue: give the vendorId/);
  });

  it('lists no serial, HID or PC/SC device', () => {
    expect(
      mediaInputsOf([DeviceConfig.parse({ id: 'r', model: 'pcsc-vitale', transport: 'pcsc', readerName: '' })]),
    ).toEqual([]);
  });
});

describe('the presence of a real stethoscope', () => {
  it("looks for the site's USB ids through the presence check", async () => {
    const asked: string[] = [];
    const probe = sysfsUsbAudioProbe(async ({ vendorId, productId }) => {
      asked.push(`${vendorId.toString(16)}:${productId.toString(16)}`);
      return true;
    })(stethoscope({ vendorId: '0d8c', productId: '0014' }));
    expect(probe.name).toBe('USB 0d8c:0014');
    expect(await probe.present()).toBe(true);
    expect(asked).toEqual(['d8c:14']);
    expect(usbIdsOf(stethoscope({ simulator: { scenario: 'normal' } }))).toBeNull();
  });
});
