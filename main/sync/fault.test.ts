import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskStore } from '../db/kiosk-store';
import { RecordsServerProcess } from './testing/records-server-process';

const ROOT = resolve(import.meta.dirname, '../..');
/** Inside the checkout so the bundle resolves the native SQLite module from node_modules; per process, so parallel runs do not collide. */
const BUNDLE = join(ROOT, `node_modules/.cache/kiosk-fault-test/kiosk-writer-child-${process.pid}.mjs`);
const RUNS = 100;

let dir: string;
let platform: RecordsServerProcess;
const credentialFile = () => join(dir, 'credential');

beforeAll(async () => {
  // One bundle, so each of the 100 kiosk starts costs a plain `node` start, not a TypeScript compile.
  await build({
    entryPoints: [join(import.meta.dirname, 'testing/kiosk-writer-child.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'error',
  });
  dir = mkdtempSync(join(tmpdir(), 'kiosk-fault-'));
  mkdirSync(join(dir, 'kiosk'), { mode: 0o700 });
  writeFileSync(credentialFile(), 'fault-test-credential\n', { mode: 0o600 });
  platform = await RecordsServerProcess.start(join(dir, 'platform.sqlite'), 'fault-test-credential');
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(BUNDLE, { force: true });
});

type Trigger = { on: 'COMMITTED' | 'ACKED'; count: number } | { on: 'DRAINED'; count: 1 };

interface RunReport {
  sessions: string[];
  committed: string[];
  acked: string[];
  killed: boolean;
}

/**
 * Starts the kiosk child and SIGKILLs it when the trigger's n-th line arrives (or when it reports
 * DRAINED, whichever first). The stdout pipe lags the child, so the kill lands at an unpredictable
 * point of its write/sync cycle.
 */
function runKiosk(trigger: Trigger | null, writes: number): Promise<RunReport> {
  const child = spawn(
    process.execPath,
    [
      BUNDLE,
      '--data-dir',
      join(dir, 'kiosk'),
      '--credential-file',
      credentialFile(),
      '--platform',
      platform.url,
      '--writes',
      String(writes),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const report: RunReport = { sessions: [], committed: [], acked: [], killed: false };
  const seen = { COMMITTED: 0, ACKED: 0, DRAINED: 0 };
  return new Promise((resolveRun, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, rest = ''] = line.split(' ') as [keyof typeof seen | 'SESSION', string?];
      if (word === 'SESSION') report.sessions.push(rest);
      else if (word === 'COMMITTED') report.committed.push(rest);
      else if (word === 'ACKED') report.acked.push(...rest.split(','));
      if (word in seen) seen[word as keyof typeof seen]++;
      const due = trigger && word === trigger.on && seen[trigger.on] === trigger.count;
      if ((due || word === 'DRAINED') && child.exitCode === null && !report.killed) {
        report.killed = true;
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolveRun(report);
      else reject(new Error(`kiosk child exited on its own (code ${code}, signal ${signal})`));
    });
  });
}

describe('kill test: SIGKILL the kiosk while it records and syncs', () => {
  it(`loses nothing and duplicates nothing over ${RUNS} kills and restarts`, async () => {
    const committed = new Set<string>();
    const acked = new Set<string>();
    const sessions: string[] = [];
    let seed = 0x5eed;
    const random = (n: number) => {
      // A fixed-seed generator: the "random moments" are reproducible when a run fails.
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let run = 0; run < RUNS; run++) {
      const kind = random(3);
      const trigger: Trigger =
        kind === 0
          ? { on: 'ACKED', count: 1 + random(3) }
          : kind === 1
            ? { on: 'DRAINED', count: 1 }
            : { on: 'COMMITTED', count: 1 + random(12) };
      const report = await runKiosk(trigger, 12);
      report.committed.forEach((id) => committed.add(id));
      report.acked.forEach((id) => acked.add(id));
      sessions.push(...report.sessions);
      // After every restart, what the platform acknowledged is there, once.
      const onPlatform = await platform.measurementIds();
      const platformSet = new Set(onPlatform);
      expect(platformSet.size, `run ${run}: duplicates on the platform`).toBe(onPlatform.length);
      for (const id of acked)
        if (committed.has(id)) expect(platformSet.has(id), `run ${run}: acknowledged ${id} missing`).toBe(true);
    }
    // A last start with nothing to write drains whatever the kills left behind.
    await runKiosk(null, 0);

    const onPlatform = await platform.measurementIds();
    const platformSet = new Set(onPlatform);
    expect(committed.size).toBeGreaterThan(RUNS);
    expect(onPlatform.length).toBe(platformSet.size);
    for (const id of committed) expect(platformSet.has(id), `committed ${id} lost`).toBe(true);
    for (const id of acked) if (committed.has(id)) expect(platformSet.has(id)).toBe(true);

    // The platform holds exactly what the kiosk holds: nothing extra, nothing missing.
    const store = KioskStore.openInDataDir({ dataDir: join(dir, 'kiosk'), keyFile: join(dir, 'kiosk', 'store.key') });
    const onKiosk = sessions.flatMap((s) => store.consultation(s)?.measurements.map((m) => m.id) ?? []);
    expect(store.outbox.counts().pending).toBe(0);
    store.close();
    expect(new Set(onKiosk)).toEqual(platformSet);
  }, 240_000);
});
