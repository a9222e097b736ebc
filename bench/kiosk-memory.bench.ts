import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/support/processes';
import type { BenchResult } from './figure';
import { startBenchPlatform, writeBenchKioskConfig } from './kiosk-setup';

/**
 * The kiosk's resident memory after 200 whole sessions in a row against after its first, in a
 * process of its own (kiosk-sessions-child.ts) that runs the real composition root: encrypted
 * store, sync to a real platform process on loopback, simulated devices on ptys, the flow and the
 * staff mode. Both figures are taken after a full GC.
 */
const SESSIONS = 200;
const UNIT = join(ROOT, 'build/systemd/teleconsultation-kiosk.service');

/** The allocator settings the kiosk's systemd unit starts it with, so the bench measures the same. */
function unitTunables(): string {
  const line = /^Environment=GLIBC_TUNABLES=(.+)$/m.exec(readFileSync(UNIT, 'utf8'));
  if (!line) throw new Error(`${UNIT} has no Environment=GLIBC_TUNABLES= line`);
  return line[1]!;
}
/** The V8 flags the unit starts the kiosk's main process with (Electron's --js-flags), for node. */
function unitJsFlags(): string[] {
  const line = /^ExecStart=.* --js-flags=(\S+)$/m.exec(readFileSync(UNIT, 'utf8'));
  if (!line) throw new Error(`${UNIT} has no --js-flags= at the end of its ExecStart= line`);
  return line[1]!.split(',');
}
/** The development pharmacist PIN of the default config (its $comment). */
const DEV_PHARMACIST_PIN = '2468';

export default async function kioskMemoryBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-memory-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const platform = await startBenchPlatform(dir);
  const credentialFile = platform.credentialFile;
  try {
    const tunables = unitTunables();
    const jsFlags = unitJsFlags();
    const configPath = writeBenchKioskConfig(dir, { url: platform.values.PLATFORM_URL!, credentialFile });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ...jsFlags,
        '--expose-gc',
        '--import',
        'tsx',
        join(ROOT, 'bench/kiosk-sessions-child.ts'),
        '--config',
        configPath,
        '--sessions',
        String(SESSIONS),
        '--pin',
        DEV_PHARMACIST_PIN,
      ],
      { cwd: ROOT, timeout: 300_000, env: { ...process.env, KIOSK_DATA_DIR: dataDir, GLIBC_TUNABLES: tunables } },
    );
    const run = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      sessions: number;
      seconds: number;
      first: { rss: number; heap: number };
      warm: { rss: number; heap: number };
      last: { rss: number; heap: number };
      outboxPending: number;
    };
    const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
    console.log(
      `kiosk after ${run.sessions} sessions (${run.seconds.toFixed(1)} s): RSS ${mb(run.last.rss)} MB vs ${mb(run.first.rss)} MB after the first; ` +
        `heap ${mb(run.last.heap)} MB vs ${mb(run.first.heap)} MB; ${run.outboxPending} outbox rows not yet acknowledged`,
    );
    return {
      figures: [
        {
          name: `kiosk RSS after ${SESSIONS} sessions vs after the first`,
          ours: mb(run.last.rss),
          baseline: mb(run.first.rss),
          unit: 'MB',
          goal: { kind: 'ratio', max: 1.05 },
        },
        {
          // The JIT and SQLite caches fill over the first sessions (the allocator's part is fixed by
          // the unit's GLIBC_TUNABLES, V8's young generation by its --js-flags); a leak keeps
          // growing past them.
          name: `kiosk RSS after ${SESSIONS} sessions vs after 20`,
          ours: mb(run.last.rss),
          baseline: mb(run.warm.rss),
          unit: 'MB',
          goal: { kind: 'ratio', max: 1.05 },
        },
      ],
      details: {
        sessions: run.sessions,
        seconds: run.seconds,
        rssFirstMB: mb(run.first.rss),
        rssAfter20MB: mb(run.warm.rss),
        rssLastMB: mb(run.last.rss),
        heapFirstMB: mb(run.first.heap),
        heapLastMB: mb(run.last.heap),
        outboxPendingAtEnd: run.outboxPending,
        glibcTunables: tunables,
        v8Flags: jsFlags.join(' '),
      },
    };
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
