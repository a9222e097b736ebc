// Where the mediasoup worker built by scripts/build-mediasoup-worker.sh lives: a cache outside the
// checkout keyed by mediasoup's version, so `npm ci` cannot wipe it and CI does not rebuild it.
// `--check` exits 0 only when the binary is there and runs (exit code 41 without MEDIASOUP_VERSION).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function mediasoupWorkerPath(root = new URL('..', import.meta.url).pathname) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = pkg.dependencies.mediasoup;
  const cache = process.env.KIOSK_CACHE_DIR || join(homedir(), '.cache', 'kiosk');
  return join(cache, 'mediasoup-worker', version, 'mediasoup-worker');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = mediasoupWorkerPath();
  if (process.argv.includes('--check')) {
    const ok = existsSync(path) && spawnSync(path, [], { env: {} }).status === 41;
    process.stdout.write(`${path}\n`);
    process.exit(ok ? 0 : 1);
  }
  process.stdout.write(`${path}\n`);
}
