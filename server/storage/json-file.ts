import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { describeIssue } from '../../common/signaling/messages/frames';
import { createLogger } from '../../common/util/logger';

const log = createLogger('platform:json-file');

/**
 * A small JSON file of the platform's data folder (0600) that the admin command writes while the
 * platform runs: read again whenever its modification time or size changed, so a pharmacy, a
 * kiosk's assignment or an account added by the operator counts at once, without a restart.
 * `file` null keeps the value in memory (tests).
 */
export class WatchedJsonFile<T> {
  private value: T;
  private stamp = '';

  constructor(
    private readonly file: string | null,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
  ) {
    this.value = empty();
    this.reload();
  }

  /** The content now (re-read first when the file changed since the last read). */
  current(): T {
    this.reload();
    return this.value;
  }

  /** Replaces the content: written beside the file, then renamed over it, so a crash leaves one whole. */
  write(value: T): void {
    this.value = value;
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    this.stamp = stampOf(this.file);
  }

  private reload(): void {
    if (!this.file || !existsSync(this.file)) return;
    const stamp = stampOf(this.file);
    if (stamp === this.stamp) return;
    let problem: string;
    try {
      const parsed = this.schema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) {
        this.value = parsed.data;
        this.stamp = stamp;
        return;
      }
      problem = describeIssue(parsed.error);
    } catch (error) {
      problem = (error as Error).message;
    }
    // At start-up a bad file stops the platform; later (a hand edit gone wrong) the last good content stays.
    if (this.stamp === '') throw new Error(`${this.file} is invalid: ${problem}`);
    log.error(`${this.file} is invalid, the previous content stays in use: ${problem}`);
    this.stamp = stamp;
  }
}

function stampOf(file: string): string {
  const stat = statSync(file);
  return `${stat.mtimeMs}:${stat.size}`;
}
