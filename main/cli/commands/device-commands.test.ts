import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { waitFor } from '../../../drivers/devices/testing/wait-for';
import { openNodeSerialPort } from '../../../drivers/transport/serial/node-serial-port';
import { DEFAULT_CONFIG_PATH } from '../../../kiosk-config/load';
import type { CliIo } from '../command';
import { runKioskctl } from '../kioskctl';
import { runDevices } from './devices';
import { runMonitor } from './monitor';
import { runSimulate } from './simulate';
import { requireSocat } from '../../../drivers/simulators/testing/socat-stack';

const socat = await requireSocat();

/** Captures a command's output; `line` fires for every line written to stdout. */
function capture() {
  const events = new EventEmitter<{ line: [string] }>();
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => {
      out.push(l);
      events.emit('line', l);
    },
    err: (l) => err.push(l),
  };
  return { io, out, err, events };
}

function stopper() {
  let stop!: () => void;
  const promise = new Promise<void>((resolve) => (stop = resolve));
  return { promise, stop };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'device-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The default config with its serial devices moved into this test's directory. */
function writeConfig(): string {
  const config = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as { devices: { port?: string }[] };
  for (const device of config.devices) if (device.port) device.port = device.port.replace('${KIOSK_RUNTIME_DIR}', dir);
  const file = join(dir, 'kiosk.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

socat.describe('kioskctl simulate', () => {
  it('runs a simulator on a pty, prints the host path, answers the driver, and cleans up on stop', async () => {
    const { io, events } = capture();
    const { promise, stop } = stopper();
    const link = join(dir, 'ttySim');
    const ready = waitFor(events, 'line', (l) => l.includes('"ready"'));
    const done = runSimulate(['contec-cms50-v7', '--scenario', 'tachycardia', '--link', link], io, promise);
    const [line] = await ready;
    expect(JSON.parse(line)).toMatchObject({
      event: 'ready',
      model: 'contec-cms50-v7',
      scenario: 'tachycardia',
      hostPath: link,
      serial: { baudRate: 115200 },
    });
    const port = await openNodeSerialPort(link, { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 });
    const data = waitFor(port, 'data');
    await port.write(Uint8Array.of(0x7d, 0x81, 0xa1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80)); // V7 start
    const [chunk] = await data;
    expect(chunk[0]).toBe(0x01); // a real-time packet
    await port.close();
    stop();
    await expect(done).resolves.toBe(0);
    expect(existsSync(link)).toBe(false);
  });

  it('rejects an unknown model or scenario with the valid ones (exit 2)', async () => {
    const { io, err } = capture();
    expect(await runKioskctl(['simulate', 'contec-cms50-v7', '--scenario', 'hypoxia'], io)).toBe(2);
    expect(err.join('\n')).toContain(
      'unknown scenario "hypoxia" for contec-cms50-v7; valid: normal, low-spo2, tachycardia, finger-out, probe-error, garbage, patient-simulator, patient-simulator-spo2-3-low, silence, unplug, wrong-baud',
    );
    expect(await runKioskctl(['simulate', 'omron-hem7322u'], io)).toBe(2);
    expect(err.join('\n')).toContain('no simulator for "omron-hem7322u"');
  });
});

socat.describe('kioskctl devices', () => {
  it('opens the configured devices (with their simulators) and prints their live status', async () => {
    const { io, out } = capture();
    expect(await runDevices(['--config', writeConfig(), '--standalone', '--seconds', '15'], io)).toBe(0);
    const lines = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.deviceId === 'oximeter-1')).toMatchObject({
      state: 'connected',
      simulated: true,
      port: join(dir, 'ttyOximeter'),
    });
    expect(lines.find((l) => l.deviceId === 'thermometer-1')).toMatchObject({ state: 'connected', simulated: true });
    expect(lines.find((l) => l.deviceId === 'card-reader-1')).toMatchObject({ kind: 'card-reader' });
    expect(existsSync(join(dir, 'ttyOximeter'))).toBe(false); // simulators stopped
  });

  it('shows a device without hardware as unplugged with the reason', async () => {
    const { io, out } = capture();
    expect(
      await runDevices(['--config', writeConfig(), '--standalone', '--seconds', '0.5', '--no-simulators'], io),
    ).toBe(0);
    const oximeter = out
      .map((l) => JSON.parse(l) as { deviceId: string; state: string; reason: { code: string } | null })
      .find((l) => l.deviceId === 'oximeter-1');
    expect(oximeter).toMatchObject({ state: 'disconnected', reason: { code: 'port-unavailable' } });
  });
});

socat.describe('kioskctl monitor', () => {
  it('prints raw frames in hex beside their decoding, live', async () => {
    const { io, events } = capture();
    const { promise, stop } = stopper();
    const frame = waitFor(events, 'line', (l) => l.includes('"oximetry"'));
    const done = runMonitor(['oximeter-1', '--config', writeConfig(), '--standalone', '--json'], io, promise);
    const [line] = await frame;
    const parsed = JSON.parse(line) as { hex: string; frame: { type: string; spo2: number } };
    expect(parsed.hex).toMatch(/^01( [0-9A-F]{2}){8}$/);
    expect(parsed.frame).toMatchObject({ type: 'oximetry', spo2: 98 });
    stop();
    await expect(done).resolves.toBe(0);
  });

  it('names the configured devices when the id is unknown', async () => {
    const { io, err } = capture();
    expect(await runKioskctl(['monitor', 'oximeter-9', '--config', writeConfig()], io)).toBe(2);
    expect(err.join('\n')).toContain(
      'no device "oximeter-9" in the config; configured: oximeter-1, thermometer-1, bp-1, card-reader-1',
    );
  });
});
