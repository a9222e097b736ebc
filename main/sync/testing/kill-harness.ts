import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { KioskStore } from '../../db/kiosk-store';
import type { RecordsServerProcess } from './records-server-process';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Bundles kiosk-writer-child.ts once, so each of the many kiosk starts costs a plain `node` start,
 * not a TypeScript compile. Inside the checkout so the bundle resolves the native SQLite module from
 * node_modules; per process, so parallel runs do not collide. Returns the bundle's path.
 */
export async function buildKioskWriter(): Promise<string> {
  const bundle = join(ROOT, `node_modules/.cache/kiosk-fault-test/kiosk-writer-child-${process.pid}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, 'kiosk-writer-child.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'error',
  });
  return bundle;
}

export interface KillSetup {
  /** From buildKioskWriter(). */
  bundle: string;
  /** The kiosk's data dir (its store and key), kept across runs. */
  dataDir: string;
  credentialFile: string;
  platform: RecordsServerProcess;
}

type Trigger = { on: 'COMMITTED' | 'ACKED'; count: number } | { on: 'DRAINED'; count: 1 };

interface RunReport {
  sessions: string[];
  committed: string[];
  acked: string[];
}

/**
 * Starts the kiosk child and SIGKILLs it when the trigger's n-th line arrives (or when it reports
 * DRAINED, whichever first). The stdout pipe lags the child, so the kill lands at an unpredictable
 * point of its write/sync cycle.
 */
function runKiosk(setup: KillSetup, trigger: Trigger | null, writes: number): Promise<RunReport> {
  const child = spawn(
    process.execPath,
    [
      setup.bundle,
      '--data-dir',
      setup.dataDir,
      '--credential-file',
      setup.credentialFile,
      '--platform',
      setup.platform.url,
      '--writes',
      String(writes),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const report: RunReport = { sessions: [], committed: [], acked: [] };
  const seen = { COMMITTED: 0, ACKED: 0, DRAINED: 0 };
  let killed = false;
  return new Promise((resolveRun, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, rest = ''] = line.split(' ') as [keyof typeof seen | 'SESSION', string?];
      if (word === 'SESSION') report.sessions.push(rest);
      else if (word === 'COMMITTED') report.committed.push(rest);
      else if (word === 'ACKED') report.acked.push(...rest.split(','));
      if (word in seen) seen[word as keyof typeof seen]++;
      const due = trigger && word === trigger.on && seen[trigger.on] === trigger.count;
      if ((due || word === 'DRAINED') && child.exitCode === null && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolveRun(report);
      else reject(new Error(`kiosk child exited on its own (code ${code}, signal ${signal})`));
    });
  });
}

export interface KillTally {
  /** Every reading the kiosk reported durable, over all runs. */
  committed: Set<string>;
  /** Every reading the kiosk saw acknowledged. */
  acked: Set<string>;
  /** What the platform holds at the end, in arrival order (duplicates included). */
  onPlatform: string[];
  /** What the kiosk's store holds at the end, over every session it opened. */
  onKiosk: string[];
  /** Outbox rows still unacknowledged at the end. */
  pendingAtEnd: number;
  /** Committed readings the platform does not hold. */
  lost: number;
  /** Readings the platform holds more than once. */
  duplicated: number;
}

/**
 * The kill fault: `runs` kiosk starts, each recording readings while its sync client delivers them,
 * SIGKILLed at a moment picked by a fixed-seed generator (after the n-th commit, the n-th
 * acknowledgement, or once drained), then one last start with nothing to write to drain what the
 * kills left. `afterRun` sees the tally so far after each restart (tests assert there).
 */
export async function killAndRestart(
  setup: KillSetup,
  runs: number,
  afterRun: (run: number, tally: Pick<KillTally, 'committed' | 'acked' | 'onPlatform'>) => void = () => {},
): Promise<KillTally> {
  const committed = new Set<string>();
  const acked = new Set<string>();
  const sessions: string[] = [];
  let seed = 0x5eed;
  const random = (n: number) => {
    // A fixed-seed generator: the "random moments" are reproducible when a run fails.
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (let run = 0; run < runs; run++) {
    const kind = random(3);
    const trigger: Trigger =
      kind === 0
        ? { on: 'ACKED', count: 1 + random(3) }
        : kind === 1
          ? { on: 'DRAINED', count: 1 }
          : { on: 'COMMITTED', count: 1 + random(12) };
    const report = await runKiosk(setup, trigger, 12);
    report.committed.forEach((id) => committed.add(id));
    report.acked.forEach((id) => acked.add(id));
    sessions.push(...report.sessions);
    afterRun(run, { committed, acked, onPlatform: await setup.platform.measurementIds() });
  }
  await runKiosk(setup, null, 0);

  const onPlatform = await setup.platform.measurementIds();
  const store = KioskStore.openInDataDir({ dataDir: setup.dataDir, keyFile: join(setup.dataDir, 'store.key') });
  const onKiosk = sessions.flatMap((s) => store.consultation(s)?.measurements.map((m) => m.id) ?? []);
  const pendingAtEnd = store.outbox.counts().pending;
  store.close();
  const platformSet = new Set(onPlatform);
  return {
    committed,
    acked,
    onPlatform,
    onKiosk,
    pendingAtEnd,
    lost: [...committed].filter((id) => !platformSet.has(id)).length,
    duplicated: onPlatform.length - platformSet.size,
  };
}
