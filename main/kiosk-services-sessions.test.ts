import type { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { HYGIENE_CHECKLIST } from '../common/staff/staff';
import { sleep, systemClock } from '../common/util/clock';
import { requireSocat } from '../drivers/simulators/testing/socat-stack';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../kiosk-config/load';
import { JOURNEY } from './flow/testing/whole-journey';
import { createKioskServices, type KioskServices } from './kiosk-services';

const socat = await requireSocat();

/** The development pharmacist PIN of the default config (its $comment). */
const DEV_PHARMACIST_PIN = '2468';

let dir: string | null = null;
let services: KioskServices | null = null;
afterEach(async () => {
  await services?.close();
  services = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One whole patient journey and the pharmacist's hygiene check after it, as the screens do. */
async function session(s: KioskServices) {
  const h = s.handlers;
  for (const intention of JOURNEY) expect((await h.flowSend(intention)).accepted).toBe(true);
  await h.flowSend({ type: 'FINISH' });
  expect((await h.staffSignIn({ role: 'pharmacist', pin: DEV_PHARMACIST_PIN })).ok).toBe(true);
  await h.confirmHygiene({ items: [...HYGIENE_CHECKLIST] });
  await h.staffSignOut({});
}

/**
 * What is left running in the process between sessions, by kind (timers, sockets, file handles…),
 * and the device manager's listeners. The simulators write and the drivers read all along, so a
 * request in flight shows up in some samples: each kind counts its fewest over ten samples 50 ms
 * apart, what stays open (a leak only grows).
 */
async function leftovers(s: KioskServices) {
  const byKind: Record<string, number> = {};
  for (let sample = 0; sample < 10; sample++) {
    await sleep(systemClock, 50);
    const counts: Record<string, number> = {};
    for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
    for (const kind of new Set([...Object.keys(byKind), ...Object.keys(counts)]))
      byKind[kind] = sample === 0 ? (counts[kind] ?? 0) : Math.min(byKind[kind] ?? 0, counts[kind] ?? 0);
  }
  // A kind seen only in passing counts nothing.
  for (const [kind, count] of Object.entries(byKind)) if (count === 0) delete byKind[kind];
  const emitter = s.devices as unknown as Partial<EventEmitter>;
  const deviceListeners =
    typeof emitter.eventNames === 'function'
      ? emitter.eventNames().reduce((n, name) => n + emitter.listenerCount!(name), 0)
      : null;
  return { byKind, deviceListeners };
}

socat.describe('the kiosk after many sessions (simulated devices, the real composition root)', () => {
  it('leaves no timer, handle or listener behind a session: the same counts after 3 sessions and after 13', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sessions-'));
    const config = loadConfig(DEFAULT_CONFIG_PATH, {
      KIOSK_RUNTIME_DIR: join(dir, 'run'),
      KIOSK_DATA_DIR: join(dir, 'data'),
    });
    services = await createKioskServices({ config, version: 'test', simulated: true });
    // The first sessions open what lives as long as the kiosk (caches, the sync loop's timer).
    for (let i = 0; i < 3; i++) await session(services);
    const after3 = await leftovers(services);
    for (let i = 0; i < 10; i++) await session(services);
    const after13 = await leftovers(services);
    expect(after13).toEqual(after3);
    // The counts are of something: the simulated devices keep their ports and timers open.
    expect(Object.values(after3.byKind).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 60_000);
});
