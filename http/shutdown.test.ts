import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Starts the child, waits for `ready`, sends the signals (each after the previous `stopping`), returns its exit. */
async function stopChild(mode: string, signals: NodeJS.Signals[]) {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    join(import.meta.dirname, 'testing/shutdown-child.ts'),
    mode,
  ]);
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const seen = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => out.includes(text) && resolve();
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        check();
      });
      check();
    });
  await seen('ready');
  for (const [i, signal] of signals.entries()) {
    if (i > 0) await seen('stopping');
    child.kill(signal);
  }
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out, err };
}

describe('stopOnSignals', () => {
  it('stops and exits 0 on SIGTERM', async () => {
    const { code, out } = await stopChild('clean', ['SIGTERM']);
    expect(out).toContain('stopping');
    expect(code).toBe(0);
  });

  it('exits 1 with the reason when stopping fails', async () => {
    const { code, err } = await stopChild('fail', ['SIGINT']);
    expect(code).toBe(1);
    expect(err).toContain('stopping failed: flush failed');
  });

  it('exits at once on a second signal while a stop hangs', async () => {
    const { code, err } = await stopChild('hang', ['SIGTERM', 'SIGINT']);
    expect(code).toBe(1);
    expect(err).toContain('SIGINT again while stopping');
  });
});
