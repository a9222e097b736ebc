import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Started {
  readonly process: ChildProcess;
  /** Values printed by the child as `NAME=value` lines on stdout. */
  readonly values: Record<string, string>;
  /** Everything the child wrote on stderr so far (its log), from its first line. */
  log(): string;
  /** Stops the child (SIGTERM by default; SIGKILL for a crash) and resolves once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a TypeScript entry point under tsx and waits until it has printed every `NAME=value` line
 * asked for (the processes announce their URLs that way), or fails with its stderr. With `netns`
 * it runs inside that network namespace (`ip netns exec` replaces itself: the pid is the entry's).
 */
export async function startEntry(
  entry: string,
  args: string[],
  wanted: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
  netns?: string,
): Promise<Started> {
  const command = [process.execPath, '--import', 'tsx', resolve(ROOT, entry), ...args];
  if (netns) command.unshift('ip', 'netns', 'exec', netns);
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, KIOSK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const values: Record<string, string> = {};
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in time:\n${stderr}`)), timeoutMs);
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      for (const line of buffered.split('\n').slice(0, -1)) {
        const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (match) values[match[1]!] = match[2]!;
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      if (wanted.every((w) => w in values)) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${stderr}`));
    });
  });
  return {
    process: child,
    values,
    log: () => stderr,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill(signal);
      }),
  };
}
