import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oximetry } from '../../common/records/testing/samples';
import { sleep, systemClock, type Clock } from '../../common/util/clock';
import { startKioskRecords } from '../../main/sync/kiosk-records';
import { CuttableProxy } from '../../main/sync/testing/cuttable-proxy';
import { RecordsServerProcess } from '../../main/sync/testing/records-server-process';
import { within } from './deadline';
import type { FaultResult } from './fault';

/**
 * The kiosk's clock jumped an hour forward or back, JUMPS times, while its outbox drains to the
 * platform. The kiosk's records (store, sync client, retention) run on an injected clock whose
 * reading jumps (timers keep real time, as a wall-clock change leaves them); the link to the
 * platform is cut and restored between jumps, so unsent readings wait in the outbox when the clock
 * moves, and the retention rules (30 min after acknowledgement) run after every jump. Lost: a
 * recorded reading the platform never got (the purge took it before it was sent, or the drain
 * skipped it); duplicated: one the platform got twice.
 */
const SESSIONS = 12;
const READINGS_PER_SESSION = 40;
const RETENTION = { purgeAfterAckMinutes: 30, maintenanceRegisterYears: 10 };
const HOUR = 3_600_000;

/** The system clock read through an offset that a test can jump; timers run in real time. */
class JumpingClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    return systemClock.setTimeout(callback, ms);
  }
  clearTimeout(handle: unknown): void {
    systemClock.clearTimeout(handle);
  }
}

export default async function clockJump(): Promise<FaultResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fault-clock-'));
  const credentialFile = join(dir, 'credential');
  writeFileSync(credentialFile, 'fault-credential\n', { mode: 0o600 });
  const platform = await RecordsServerProcess.start(join(dir, 'platform.sqlite'), 'fault-credential');
  const proxy = new CuttableProxy(platform.port);
  const clock = new JumpingClock();
  try {
    const records = startKioskRecords(
      {
        storage: { dataDir: join(dir, 'kiosk'), keyFile: join(dir, 'kiosk', 'store.key') },
        platform: { url: await proxy.listen(), credentialFile },
        retention: RETENTION,
      },
      clock,
    );
    const { store } = records;
    const recorded: string[] = [];
    let jumps = 0;
    let purged = 0;
    let unsentAtJumps = 0;
    let unsentPurged = 0;
    const drained = () =>
      within(
        (async () => {
          while (store.outbox.counts().pending > 0) await sleep(systemClock, 20);
        })(),
        60_000,
        'the outbox to drain',
      );
    const pendingIds = () => store.outbox.pending(1_000_000).map((p) => p.item.id);
    const offsets: number[] = [];
    for (let s = 0; s < SESSIONS; s++) {
      // Odd sessions are recorded with the link cut: they wait in the outbox through the next jump.
      if (s % 2 === 1) proxy.cutNow();
      const sessionId = randomUUID();
      store.openSession({ id: sessionId, kioskId: 'dev-kiosk-1', startedAt: new Date(clock.now()).toISOString() });
      for (let i = 0; i < READINGS_PER_SESSION; i++) {
        const reading = oximetry(new Date(clock.now()).toISOString(), 90 + (i % 10), 60 + i);
        store.recordMeasurement(sessionId, reading);
        recorded.push(reading.id);
        if (i % 10 === 9) await sleep(systemClock, 5);
      }
      store.closeSession(sessionId, {
        endedAt: new Date(clock.now()).toISOString(),
        outcome: 'completed',
        prescriptionNumber: null,
        rating: null,
      });
      // With the link up, the session is acknowledged before the jump: the purge may take it later,
      // beside a cut session's unsent rows.
      if (s % 2 === 0) await drained();
      // The jump: forward and back in turn, sometimes two the same way (two hours away).
      clock.offsetMs += (s % 3 === 2 ? -1 : 1) * HOUR * (s % 2 === 0 ? 1 : -1);
      offsets.push(clock.offsetMs / HOUR);
      jumps++;
      unsentAtJumps += store.outbox.counts().pending;
      // The retention rules right after the jump, as the kiosk's purge timer would run them; nothing
      // else runs between these synchronous calls, so an unsent row gone after it is the purge's doing.
      const unsent = pendingIds();
      purged += store.purge(RETENTION).sessions;
      const still = new Set(pendingIds());
      unsentPurged += unsent.filter((id) => !still.has(id)).length;
      await sleep(systemClock, 50);
      proxy.restore();
    }
    await drained();
    // Once all is acknowledged, an hour later on the (jumped) clock, the purge may take everything.
    clock.offsetMs += 2 * HOUR;
    const purgedAfterDrain = store.purge(RETENTION).sessions;
    await records.close();
    const onPlatform = await platform.measurementIds();
    const delivered = new Set(onPlatform);
    return {
      name: 'the clock jumped ±1 h while the outbox drains',
      injected: `${jumps} jumps of 1 h (clock offset went ${offsets.map((o) => (o > 0 ? `+${o}` : String(o))).join(', ')} h) over ${SESSIONS} sessions of ${READINGS_PER_SESSION} readings, link cut for every other session`,
      lost: recorded.filter((id) => !delivered.has(id)).length,
      duplicated: onPlatform.length - delivered.size,
      checks: `${unsentAtJumps} outbox rows unsent at the jumps (summed), of which the purge right after the jump took ${unsentPurged}; sessions purged right after a jump: ${purged}, after the drain and 2 h more: ${purgedAfterDrain}; the platform holds ${delivered.size} of ${recorded.length} readings`,
    };
  } finally {
    await proxy.close();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
