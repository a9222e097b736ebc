import { spawnSync } from 'node:child_process';
import { requireStack, type RequiredStack } from '../../../common/util/testing/require-stack';

/**
 * socat, which makes the serial simulators' pty pairs: await it at the top of every test file that
 * runs a PtyRunner. Under CI a machine without it fails those files with the reason.
 */
export function requireSocat(): Promise<RequiredStack<string>> {
  return requireStack('socat (the pty pairs of the serial simulators)', () => {
    const run = spawnSync('socat', ['-V'], { encoding: 'utf8', timeout: 10_000 });
    if (run.error !== undefined || run.status !== 0)
      throw new Error(
        `cannot run socat (${run.error?.message ?? `exit ${run.status}`}); scripts/setup installs Debian's socat`,
      );
    return run.stdout.split('\n').find((line) => line.includes('socat version')) ?? 'socat';
  });
}
