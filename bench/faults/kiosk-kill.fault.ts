import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKioskWriter, killAndRestart } from '../../main/sync/testing/kill-harness';
import { RecordsServerProcess } from '../../main/sync/testing/records-server-process';
import type { FaultResult } from './fault';

/** 100 SIGKILLs of the kiosk's store and sync process while readings stream (main/sync/fault.test.ts's harness). */
const RUNS = 100;

export default async function kioskKill(): Promise<FaultResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-fault-kill-'));
  const bundle = await buildKioskWriter();
  mkdirSync(join(dir, 'kiosk'), { mode: 0o700 });
  const credentialFile = join(dir, 'credential');
  writeFileSync(credentialFile, 'fault-credential\n', { mode: 0o600 });
  const platform = await RecordsServerProcess.start(join(dir, 'platform.sqlite'), 'fault-credential');
  try {
    const tally = await killAndRestart({ bundle, dataDir: join(dir, 'kiosk'), credentialFile, platform }, RUNS);
    const sameOnBoth = tally.onKiosk.length === new Set(tally.onPlatform).size;
    return {
      name: 'kiosk SIGKILLed while readings stream',
      injected: `${RUNS} SIGKILLs, ${tally.committed.size} readings committed`,
      lost: tally.lost,
      duplicated: tally.duplicated,
      checks: `outbox empty after restart: ${tally.pendingAtEnd === 0}; kiosk and platform hold the same ${tally.onKiosk.length} readings: ${sameOnBoth}`,
    };
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(bundle, { force: true });
  }
}
