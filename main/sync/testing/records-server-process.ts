import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const ENTRY = resolve(ROOT, 'server/records/testing/records-test-server.ts');

/** The platform's records ingestion as a child process on loopback (main/ may not import server/). */
export class RecordsServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /**
   * Starts it with its SQLite at `dbFile`; resolves once it listens. `expiredToken` is refused as an
   * expired credential, as the platform refuses one.
   */
  static start(
    dbFile: string,
    token: string,
    kioskId = 'dev-kiosk-1',
    expiredToken?: string,
  ): Promise<RecordsServerProcess> {
    const expired = expiredToken ? ['--expired-token', expiredToken] : [];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ENTRY, '--db', dbFile, '--token', token, '--kiosk', kioskId, ...expired],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    return new Promise((resolveStart, reject) => {
      let out = '';
      child.stdout.on('data', (data: Buffer) => {
        out += data.toString();
        const match = /^RECORDS_URL=(\S+)$/m.exec(out);
        if (match) resolveStart(new RecordsServerProcess(child, match[1]!));
      });
      child.once('exit', (code) => reject(new Error(`records test server exited (${code}) before listening`)));
    });
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Every measurement id the platform holds, in arrival order. */
  async measurementIds(): Promise<string[]> {
    const response = await fetch(`${this.url}/test/records/measurement-ids`);
    return ((await response.json()) as { ids: string[] }).ids;
  }

  /** Every calibration check id the platform holds, oldest first. */
  async calibrationIds(): Promise<string[]> {
    const response = await fetch(`${this.url}/test/records/calibration-ids`);
    return ((await response.json()) as { ids: string[] }).ids;
  }

  /** SIGKILLs it: no graceful close, whatever was not committed is lost. */
  kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolveKill) => {
      this.child.once('exit', () => resolveKill());
      this.child.kill('SIGKILL');
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolveStop) => {
      this.child.once('exit', () => resolveStop());
      this.child.kill('SIGTERM');
    });
  }
}
