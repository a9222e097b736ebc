import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DeviceChangeResult } from '../../common/devices/device-change';
import { serialSimulation } from '../../drivers/catalogue/simulations';
import { PtyRunner } from '../../drivers/simulators/pty-runner';
import { requireSocat } from '../../drivers/simulators/testing/socat-stack';
import { deviceOverridesPath } from '../../kiosk-config/device-overrides';
import { loadConfig } from '../../kiosk-config/load';
import type { CliIo } from '../cli/command';
import { runKioskctl } from '../cli/kioskctl';
import { createKioskServices, type KioskServices } from '../kiosk-services';

const socat = await requireSocat();

let dir: string;
let services: KioskServices | null = null;
let runner: PtyRunner | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'device-set-'));
});
afterEach(async () => {
  await services?.close();
  await runner?.stop();
  services = null;
  runner = null;
  rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  return { io, out, err };
}

socat.describe('kioskctl device set against the running kiosk', () => {
  it('refuses a port that does not exist (old kept, exit 1) and keeps one where a thermometer answers', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../kiosk-config/default.json'), 'utf8')
      .replaceAll('${KIOSK_DATA_DIR}', join(dir, 'data'))
      .replaceAll('${KIOSK_RUNTIME_DIR}', join(dir, 'run'));
    const configFile = join(dir, 'kiosk.json');
    writeFileSync(configFile, text);
    services = await createKioskServices({ config: loadConfig(configFile, {}), version: 'test', simulated: true });

    const missing = capture();
    const args = (port: string) => ['device', 'set', 'thermometer-1', '--port', port, '--config', configFile];
    expect(await runKioskctl(args('/dev/ttyUSB-none'), missing.io)).toBe(1);
    expect(DeviceChangeResult.parse(JSON.parse(missing.out[0]!))).toMatchObject({ ok: false, code: 'no-such-port' });
    expect(missing.err.join('\n')).toContain('not kept, the old setting stays: there is no such port');

    const spare = join(dir, 'run', 'ttySpare');
    runner = new PtyRunner({ ...serialSimulation('welch-allyn-suretemp')!, scenario: 'normal', hostLink: spare });
    await runner.start();
    const kept = capture();
    expect(await runKioskctl(args(spare), kept.io)).toBe(0);
    expect(DeviceChangeResult.parse(JSON.parse(kept.out[0]!))).toMatchObject({ ok: true, device: { port: spare } });
    const saved = JSON.parse(readFileSync(deviceOverridesPath(join(dir, 'data')), 'utf8')) as {
      devices: Record<string, { by: string }>;
    };
    expect(saved.devices['thermometer-1']).toMatchObject({ port: spare, by: 'kioskctl' });
    const audit = services.store.audit.list().map((a) => `${a.actor} ${a.action} ${a.subject ?? ''}`);
    expect(audit).toContain('kioskctl device-change-refused thermometer-1 no-such-port');
    expect(audit).toContain(`kioskctl device-config-changed thermometer-1 port=${spare} model=welch-allyn-suretemp`);
  });
});
