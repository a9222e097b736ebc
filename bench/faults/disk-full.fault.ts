import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { RecordsServerProcess } from '../../main/sync/testing/records-server-process';
import { within } from './deadline';
import type { FaultResult } from './fault';

/**
 * The kiosk's disk full, then freed. The kiosk (disk-full-child.ts) runs in a private mount
 * namespace (`unshare -m`) whose data folder is a 4 MB tmpfs, so nothing reaches the host's mounts;
 * it records READINGS readings with the disk free, READINGS with the disk full, READINGS once freed,
 * its sync client delivering to the platform all along. Lost: a reading the kiosk said it recorded
 * that the platform or the kiosk's reopened store lacks; duplicated: one the platform holds twice, or
 * a refused reading that turned up anyway.
 */
const READINGS = 40;
const TMPFS_MB = 4;
const CHILD = resolve(import.meta.dirname, 'disk-full-child.ts');

interface ChildReport {
  committed: string[];
  refused: { id: string; error: string }[];
  filledBytes: number;
  drained: boolean;
  held: string[];
}

function runKiosk(kioskDir: string, credentialFile: string, platformUrl: string): Promise<ChildReport> {
  const script = `mount -t tmpfs -o size=${TMPFS_MB}m,mode=0700 tmpfs "$1" && shift && exec "$@"`;
  const child = spawn(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      script,
      'sh',
      kioskDir,
      process.execPath,
      '--import',
      'tsx',
      CHILD,
      '--data-dir',
      kioskDir,
      '--credential-file',
      credentialFile,
      '--platform',
      platformUrl,
      '--writes',
      String(READINGS),
    ],
    { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const report: ChildReport = { committed: [], refused: [], filledBytes: 0, drained: false, held: [] };
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [word, id = '', ...rest] = line.split(' ');
    if (word === 'COMMITTED') report.committed.push(id);
    if (word === 'REFUSED') report.refused.push({ id, error: rest.join(' ') });
    if (word === 'FULL') report.filledBytes = Number(id);
    if (word === 'DRAINED') report.drained = true;
    if (word === 'HELD') report.held = id.split(',').filter(Boolean);
  });
  const exited = new Promise<ChildReport>((resolveRun, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run unshare (util-linux): ${error.message}`)));
    child.once('exit', (code) =>
      code === 0
        ? resolveRun(report)
        : reject(
            new Error(
              `the kiosk in its mount namespace exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
            ),
          ),
    );
  });
  return within(exited, 120_000, 'the kiosk on a full disk to finish').catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

export default async function diskFull(): Promise<FaultResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fault-disk-full-'));
  const credentialFile = join(dir, 'credential');
  writeFileSync(credentialFile, 'fault-credential\n', { mode: 0o600 });
  const kioskDir = join(dir, 'kiosk');
  mkdirSync(kioskDir, { mode: 0o700 });
  const platform = await RecordsServerProcess.start(join(dir, 'platform.sqlite'), 'fault-credential');
  try {
    const kiosk = await runKiosk(kioskDir, credentialFile, platform.url);
    const onPlatform = await platform.measurementIds();
    const delivered = new Set(onPlatform);
    const held = new Set(kiosk.held);
    const refusedIds = new Set(kiosk.refused.map((r) => r.id));
    const namesDisk = kiosk.refused.filter(
      (r) => r.error.includes('disk is full') && r.error.includes(kioskDir),
    ).length;
    return {
      name: "the kiosk's disk full, then freed",
      injected: `${TMPFS_MB} MB tmpfs in a private mount namespace filled (${(kiosk.filledBytes / 1e6).toFixed(1)} MB of filler) then freed; ${READINGS} readings before, ${READINGS} while full, ${READINGS} after`,
      lost: kiosk.committed.filter((id) => !delivered.has(id) || !held.has(id)).length,
      duplicated:
        onPlatform.length - delivered.size + [...delivered, ...held].filter((id) => refusedIds.has(id)).length,
      checks: `${kiosk.committed.length} readings accepted, ${kiosk.refused.length} refused while full (refusals naming the disk and its folder: ${namesDisk}/${kiosk.refused.length}); outbox drained after freeing: ${kiosk.drained}; the reopened store holds the ${held.size} accepted readings, the platform ${delivered.size}`,
    };
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
