import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_FILE_NAME } from '../db/kiosk-store';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { startKioskRecords } from './kiosk-records';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('startKioskRecords', () => {
  it('opens the encrypted store in the data dir, purges on the clock every minute, and closes cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-records-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const records = startKioskRecords(
      {
        storage: { dataDir, keyFile: join(dataDir, 'store.key') },
        // Nothing listens there: the sync client just schedules retries.
        platform: { url: 'http://127.0.0.1:9', credentialFile: join(dataDir, 'no-credential') },
        retention: { purgeAfterAckMinutes: 10, maintenanceRegisterYears: 5 },
      },
      clock,
    );
    expect(existsSync(join(dataDir, STORE_FILE_NAME))).toBe(true);
    expect(existsSync(join(dataDir, 'store.key'))).toBe(true);
    expect(clock.pendingDelays()).toContain(60_000);
    await records.close();
    expect(clock.pendingDelays()).not.toContain(60_000);
  });
});
