import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlitePrescriptionSequence } from './prescription-sequence';

const ISSUER = join(import.meta.dirname, 'testing', 'issue-numbers.ts');

/** Starts one issuer process; resolves `ready` once it has opened the store, `numbers` when done. */
function issuer(file: string, goFile: string, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', ISSUER, file, goFile, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady: () => void;
  let failReady: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const numbers = new Promise<number[]>((resolve, reject) =>
    child.on('exit', (code) => {
      if (code === 0) return resolve(JSON.parse(out.slice('ready\n'.length)) as number[]);
      const error = new Error(`issuer exited with ${code}`);
      failReady(error);
      reject(error);
    }),
  );
  return { ready, numbers };
}

describe('the prescription counter', () => {
  it('never gives two concurrent issuers on the same store the same number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rx-seq-'));
    const file = join(dir, 'records.sqlite');
    const goFile = join(dir, 'go');
    const count = 200;
    const a = issuer(file, goFile, count);
    const b = issuer(file, goFile, count);
    await Promise.all([a.ready, b.ready]);
    writeFileSync(goFile, '');
    const [first, second] = await Promise.all([a.numbers, b.numbers]);
    const all = [...first, ...second].sort((x, y) => x - y);
    expect(new Set(all).size).toBe(2 * count);
    expect(all[0]).toBe(1);
    expect(all.at(-1)).toBe(2 * count);
    // Both really ran at once: each got some numbers from inside the other's range.
    expect(Math.max(...first)).toBeGreaterThan(Math.min(...second));
    expect(Math.max(...second)).toBeGreaterThan(Math.min(...first));
  }, 60_000);

  it("takes over an earlier platform's plain-text counter so numbers keep rising", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rx-seq-'));
    writeFileSync(join(dir, 'prescription-sequence'), '41');
    const database = { file: join(dir, 'records.sqlite'), key: Buffer.alloc(32, 3) };
    const sequence = new SqlitePrescriptionSequence(database, join(dir, 'prescription-sequence'));
    expect(await sequence.next()).toBe(42);
    sequence.close();
    const reopened = new SqlitePrescriptionSequence(database, join(dir, 'prescription-sequence'));
    expect(await reopened.next()).toBe(43);
    reopened.close();
  });
});
