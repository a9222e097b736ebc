import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DeviceDiagnostics, DeviceFrame } from '../../common/devices/diagnostics';
import { kioskContract } from '../../common/ipc/contract';
import { requireSocat } from '../../drivers/simulators/testing/socat-stack';
import { loadConfig } from '../../kiosk-config/load';
import type { CliIo } from '../cli/command';
import { runKioskctl } from '../cli/kioskctl';
import { createKioskServices, type KioskServices } from '../kiosk-services';
import { controlPaths } from './control-protocol';

const socat = await requireSocat();
const SECRET = 'k7pm-x2qa-9rtw';

let dir: string;
let services: KioskServices | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'running-kiosk-'));
});
afterEach(async () => {
  await services?.close();
  services = null;
  rmSync(dir, { recursive: true, force: true });
});

/** The default config with this test's folders written in, as kioskctl and the kiosk both read it. */
function writeConfig(): string {
  const text = readFileSync(join(import.meta.dirname, '../../kiosk-config/default.json'), 'utf8')
    .replaceAll('${KIOSK_DATA_DIR}', join(dir, 'data'))
    .replaceAll('${KIOSK_RUNTIME_DIR}', join(dir, 'run'));
  const file = join(dir, 'kiosk.json');
  writeFileSync(file, text);
  return file;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  return { io, out, err };
}

socat.describe('the running kiosk for technicians and kioskctl', () => {
  it('answers kioskctl devices and monitor over its 0600 socket while running, and says plainly once stopped', async () => {
    const configFile = writeConfig();
    services = await createKioskServices({ config: loadConfig(configFile, {}), version: 'test', simulated: true });
    const paths = controlPaths(join(dir, 'data'));
    expect(statSync(paths.socket).mode & 0o777).toBe(0o600);
    expect(statSync(paths.token).mode & 0o777).toBe(0o600);

    const devices = capture();
    expect(await runKioskctl(['devices', '--config', configFile], devices.io)).toBe(0);
    const listed = devices.out.map((l) => DeviceDiagnostics.parse(JSON.parse(l)));
    expect(listed.find((d) => d.deviceId === 'oximeter-1')).toMatchObject({
      model: 'contec-cms50-v7',
      transport: 'serial',
      port: join(dir, 'run', 'ttyOximeter'),
      lastCalibration: null,
    });

    // Live frames of the oximeter, streamed from the kiosk's device manager while it keeps its port.
    const monitor = capture();
    expect(await runKioskctl(['monitor', 'oximeter-1', '--config', configFile, '--seconds', '3'], monitor.io)).toBe(0);
    const frames = monitor.out.filter((l) =>
      /^\d\d:\d\d:\d\d\.\d{3} {2}[0-9A-F]{2}( [0-9A-F]{2})+ +oximetry spo2=\d+/.test(l),
    );
    expect(frames.length).toBeGreaterThan(5);
    expect(services.devices.list().find((d) => d.deviceId === 'oximeter-1')?.state).toBe('connected');

    // A request without the token is refused, and audited.
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(paths.socket, () => socket.write('{"token":"guess","command":"devices"}\n'));
      socket.on('data', (d) => resolve(d.toString()));
    });
    expect(JSON.parse(refused)).toMatchObject({ error: 'unauthorised' });
    expect(services.store.audit.list().map((e) => [e.actor, e.action, e.subject])).toEqual(
      expect.arrayContaining([
        ['kioskctl', 'kioskctl-devices', null],
        ['kioskctl', 'kioskctl-monitor', 'oximeter-1'],
        ['kioskctl', 'kioskctl-refused', 'wrong-token'],
      ]),
    );

    await services.close();
    services = null;
    const stopped = capture();
    expect(await runKioskctl(['devices', '--config', configFile], stopped.io)).toBe(1);
    expect(stopped.err.join('\n')).toMatch(/the kiosk is not running \(no kiosk answers at .*kioskctl\.sock\)/);
  });

  it("opens diagnostics and the live frame monitor to a technician's account only, never to the pharmacist's PIN", async () => {
    const configFile = writeConfig();
    services = await createKioskServices({ config: loadConfig(configFile, {}), version: 'test', simulated: true });
    const salt = randomBytes(16);
    const hash = scryptSync(SECRET, salt, 32, { N: 16384, r: 8, p: 1 });
    services.store.technicians.replaceAll([
      {
        id: 'tech.martin',
        name: 'Léa Martin',
        secretHash: `scrypt$16384$8$1$${salt.toString('base64')}$${hash.toString('base64')}`,
      },
    ]);
    const h = services.handlers;
    // The development pharmacist PIN (kiosk-config/default.json) opens the staff panel, not these.
    expect(await h.staffSignIn({ role: 'pharmacist', pin: '2468' })).toMatchObject({ ok: true });
    await expect(Promise.resolve().then(() => h.getDiagnostics({}))).rejects.toMatchObject({ code: 'forbidden' });
    expect(await h.staffSignIn({ role: 'technician', pin: '1357' })).toMatchObject({
      error: 'technician-account-required',
    });
    await h.staffSignOut({});

    expect(await h.technicianSignIn({ identifier: 'tech.martin', secret: SECRET })).toMatchObject({ ok: true });
    const list = await h.getDiagnostics({});
    expect(list.map((d) => d.deviceId)).toContain('bp-1');
    const frames: DeviceFrame[] = [];
    const enough = new Promise<void>((resolve) =>
      services!.events.attach((channel, payload) => {
        if (channel !== kioskContract.events.onDeviceFrame.channel) return;
        frames.push(DeviceFrame.parse(payload));
        if (frames.length >= 3) resolve();
      }),
    );
    expect(await h.monitorDevice({ deviceId: 'oximeter-1' })).toEqual({ ok: true, deviceId: 'oximeter-1' });
    await enough;
    expect(frames[0]).toMatchObject({ deviceId: 'oximeter-1', error: false });
    expect(frames[0]!.hex).toMatch(/^[0-9A-F]{2}( [0-9A-F]{2})+$/);
    expect(frames[0]!.decoded).toMatch(/^oximetry spo2=/);
    await h.staffSignOut({});
    const audit = services.store.audit.list().map((e) => [e.actor, e.action, e.subject]);
    expect(audit).toEqual(
      expect.arrayContaining([
        ['technician:tech.martin', 'technician-signed-in', null],
        ['technician:tech.martin', 'technician-getDiagnostics', null],
        ['technician:tech.martin', 'technician-monitorDevice', 'oximeter-1'],
        ['technician:tech.martin', 'technician-signed-out', null],
        ['staff', 'technician-getDiagnostics-refused', 'forbidden'],
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });
});
