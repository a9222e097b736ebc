import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceStatus } from '../../common/devices/device-status';
import type { MeasurementKind } from '../../common/devices/kinds';
import { waitFor } from '../../drivers/devices/testing/wait-for';
import type { DeviceConfig } from '../../kiosk-config/schema';
import { KioskStore } from '../../main/db/kiosk-store';
import { startKioskDevices, type KioskDevices } from '../../main/devices/kiosk-devices';
import { within } from './deadline';
import type { FaultResult } from './fault';

/**
 * The oximeter's cable pulled and put back while it streams, CYCLES times, with the kiosk's device
 * layer (simulators on socat ptys, real drivers, the device manager reconnecting by itself)
 * recording every spot check into a real SQLite store. In each cycle: one oximetry and one
 * temperature reading recorded, then the cable pulled mid-stream, then a measurement started and the
 * cable pulled in its middle, then plugged back. Lost: a reading announced as recorded that the store
 * does not hold; duplicated: a reading the store holds twice, or one that was never announced.
 */
const CYCLES = 5;
const WAIT_MS = 30_000;

function config(dir: string): DeviceConfig[] {
  return [
    {
      id: 'oximeter-1',
      model: 'contec-cms50-v7',
      transport: 'serial',
      port: join(dir, 'ttyOximeter'),
      serialNumber: 'FAULT-1',
      simulator: { scenario: 'normal' },
    },
    {
      id: 'thermometer-1',
      model: 'welch-allyn-suretemp',
      transport: 'serial',
      port: join(dir, 'ttyThermometer'),
      simulator: { scenario: 'normal' },
    },
  ];
}

const oximeterIs = (state: DeviceStatus['state']) => (s: DeviceStatus) =>
  s.deviceId === 'oximeter-1' && s.state === state;

async function measure(kiosk: KioskDevices, kind: MeasurementKind): Promise<void> {
  const recorded = waitFor(kiosk.manager, 'measurementRecorded', (m) => m.kind === kind);
  const started = await kiosk.manager.startMeasurement(kind);
  if (!started.ok) throw new Error(`${kind} measurement refused: ${started.code}`);
  await within(recorded, WAIT_MS, `${kind} recorded`);
}

export default async function deviceUnplug(): Promise<FaultResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fault-unplug-'));
  const store = KioskStore.open({ file: join(dir, 'kiosk-store.sqlite'), key: Buffer.alloc(32, 3) });
  const sessionId = randomUUID();
  store.openSession({ id: sessionId, kioskId: 'fault-kiosk', startedAt: new Date().toISOString() });
  let kiosk: KioskDevices | null = null;
  try {
    kiosk = await startKioskDevices({
      config: { devices: config(dir) },
      record: (m) => store.recordMeasurement(sessionId, m),
    });
    const announced: string[] = [];
    const statuses: string[] = [];
    let interruptedFailures = 0;
    kiosk.manager.on('measurementRecorded', (m) => announced.push(m.id));
    kiosk.manager.on('statusChanged', (s) => {
      if (s.deviceId === 'oximeter-1') statuses.push(s.reason ? `${s.state}:${s.reason.code}` : s.state);
    });
    kiosk.manager.on('measurementFailed', (f) => {
      if (f.code === 'device-unplugged') interruptedFailures++;
    });
    const runner = kiosk.simulators.runnerOf('oximeter-1');
    if (!runner)
      throw new Error('the oximeter simulator did not start (is socat installed? scripts/setup installs it)');
    const connected = () => kiosk!.manager.list().find((s) => s.deviceId === 'oximeter-1')?.state === 'connected';
    if (!connected())
      await within(waitFor(kiosk.manager, 'statusChanged', oximeterIs('connected')), WAIT_MS, 'oximeter connected');

    let unplugs = 0;
    let backAgain = 0;
    let interrupted = 0;
    const pullAndReplug = async () => {
      const gone = within(
        waitFor(kiosk!.manager, 'statusChanged', oximeterIs('disconnected')),
        WAIT_MS,
        'unplug reported',
      );
      await runner.unplug();
      unplugs++;
      await gone;
      const back = within(
        waitFor(kiosk!.manager, 'statusChanged', oximeterIs('connected')),
        WAIT_MS,
        'replug reported',
      );
      await runner.replug();
      await back;
      backAgain++;
    };
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      await measure(kiosk, 'oximetry');
      await measure(kiosk, 'temperature');
      // Mid-stream: live readings are flowing.
      await within(
        waitFor(kiosk.manager, 'liveReading', (r) => r.deviceId === 'oximeter-1'),
        WAIT_MS,
        'live reading',
      );
      await pullAndReplug();
      // Mid-measurement: a spot check under way when the cable goes.
      const started = await kiosk.manager.startMeasurement('oximetry');
      if (!started.ok) throw new Error(`oximetry refused after the replug: ${started.code}`);
      await within(
        waitFor(kiosk.manager, 'liveReading', (r) => r.deviceId === 'oximeter-1'),
        WAIT_MS,
        'live reading',
      );
      interrupted++;
      await pullAndReplug();
    }
    await kiosk.close();
    kiosk = null;

    const held = store.consultation(sessionId)?.measurements.map((m) => m.id) ?? [];
    const heldOnce = new Set(held);
    const announcedOnce = new Set(announced);
    const queued = store.outbox
      .pending(10_000)
      .flatMap(({ item }) => (item.kind === 'measurement' ? [item.payload.id] : []));
    const queuedOnce = queued.length === heldOnce.size && queued.every((id) => heldOnce.has(id));
    const reportedDown = statuses.filter((s) => s === 'disconnected:device-unplugged').length;
    return {
      name: 'a device unplugged and replugged while it streams',
      injected: `${unplugs} unplugs of the oximeter's pty (${interrupted} in the middle of a spot check), ${announced.length} readings recorded around them`,
      lost: announced.filter((id) => !heldOnce.has(id)).length,
      duplicated: held.length - heldOnce.size + held.filter((id) => !announcedOnce.has(id)).length,
      checks: `reported unavailable (device-unplugged) ${reportedDown} times and connected again ${backAgain} times; interrupted spot checks failed with device-unplugged: ${interruptedFailures}/${interrupted}, none recorded; the outbox queues each stored reading once: ${queuedOnce}`,
    };
  } finally {
    await kiosk?.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
