import { DEV_DOCTOR, E2E_KIOSK_ID, expect, test } from './call-fixtures';

test('the kiosk reports to the platform with its credential and shows in the fleet view', async ({
  platform,
  kioskOnPlatform,
}) => {
  expect(kioskOnPlatform).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  const signIn = await fetch(`${platform.url}/api/doctor/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEV_DOCTOR),
  });
  const { token } = (await signIn.json()) as { token: string };
  const fleet = async () => {
    const res = await fetch(`${platform.url}/api/fleet`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { kiosks: { kioskId: string; online: boolean; devices: { deviceId: string }[] }[] })
      .kiosks;
  };
  await expect.poll(async () => (await fleet()).find((k) => k.kioskId === E2E_KIOSK_ID)?.online).toBe(true);
  const kiosk = (await fleet()).find((k) => k.kioskId === E2E_KIOSK_ID)!;
  // The simulated devices of the default config are reported (no patient data in a heartbeat).
  expect(kiosk.devices.map((d) => d.deviceId)).toContain('oximeter-1');
});
