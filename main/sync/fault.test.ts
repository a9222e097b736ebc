import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKioskWriter, killAndRestart, type KillSetup } from './testing/kill-harness';
import { RecordsServerProcess } from './testing/records-server-process';

const RUNS = 100;

let dir: string;
let setup: KillSetup;

beforeAll(async () => {
  const bundle = await buildKioskWriter();
  dir = mkdtempSync(join(tmpdir(), 'kiosk-fault-'));
  mkdirSync(join(dir, 'kiosk'), { mode: 0o700 });
  const credentialFile = join(dir, 'credential');
  writeFileSync(credentialFile, 'fault-test-credential\n', { mode: 0o600 });
  const platform = await RecordsServerProcess.start(join(dir, 'platform.sqlite'), 'fault-test-credential');
  setup = { bundle, dataDir: join(dir, 'kiosk'), credentialFile, platform };
});

afterAll(async () => {
  await setup?.platform.stop();
  rmSync(dir, { recursive: true, force: true });
  if (setup) rmSync(setup.bundle, { force: true });
});

describe('kill test: SIGKILL the kiosk while it records and syncs', () => {
  it(`loses nothing and duplicates nothing over ${RUNS} kills and restarts`, async () => {
    const tally = await killAndRestart(setup, RUNS, (run, { committed, acked, onPlatform }) => {
      // After every restart, what the platform acknowledged is there, once.
      const platformSet = new Set(onPlatform);
      expect(platformSet.size, `run ${run}: duplicates on the platform`).toBe(onPlatform.length);
      for (const id of acked)
        if (committed.has(id)) expect(platformSet.has(id), `run ${run}: acknowledged ${id} missing`).toBe(true);
    });

    const platformSet = new Set(tally.onPlatform);
    expect(tally.committed.size).toBeGreaterThan(RUNS);
    expect(tally.duplicated).toBe(0);
    expect(tally.lost).toBe(0);
    for (const id of tally.committed) expect(platformSet.has(id), `committed ${id} lost`).toBe(true);
    for (const id of tally.acked) if (tally.committed.has(id)) expect(platformSet.has(id)).toBe(true);
    // The platform holds exactly what the kiosk holds: nothing extra, nothing missing.
    expect(tally.pendingAtEnd).toBe(0);
    expect(new Set(tally.onKiosk)).toEqual(platformSet);
  }, 240_000);
});
