import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRecordsDatabase } from './records/records-database';
import { testSigningEnv } from './prescriptions/testing/signing-certificate';

const ROOT = resolve(import.meta.dirname, '..');

/** Runs the platform's entry point with these arguments and environment; it must refuse to start. */
function refusedStart(args: string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
}

describe('platform start-up configuration', () => {
  it('refuses to start and names every wrong host, media and TURN value', () => {
    const run = refusedStart(['--host', 'all-interfaces'], {
      PLATFORM_MEDIA_LISTEN_IP: '0.0.0.0',
      PLATFORM_MEDIA_PORTS: '9-8',
      TURN_URLS: 'turns:turn.example.org:443',
      TURN_SECRET: 'short',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('PLATFORM_URL=');
    expect(run.stderr).toContain('--host / PLATFORM_HOST: expected an IP address, got "all-interfaces"');
    expect(run.stderr).toContain('PLATFORM_MEDIA_ANNOUNCED_ADDRESS: required when the media listen on 0.0.0.0');
    expect(run.stderr).toContain('PLATFORM_MEDIA_PORTS: expected <min>-<max>');
    expect(run.stderr).toContain('TURN_SECRET: at least 16 characters, got 5');
  });

  it('refuses a public listen host without an announced media address', () => {
    const run = refusedStart([], { PLATFORM_HOST: '0.0.0.0' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PLATFORM_MEDIA_ANNOUNCED_ADDRESS: required when the media listen on 0.0.0.0');
  });
});

describe('the production start (--serve)', () => {
  it('refuses plain HTTP, the development account, test hooks, dev kiosks and no Pro Santé Connect, each named', () => {
    const run = refusedStart(['--serve', '--dev', '--test-hooks', '--dev-kiosk', 'k=/tmp/k'], {
      PLATFORM_PRESCRIPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('PLATFORM_URL=');
    expect(run.stderr).toContain('--dev: the development account is never seeded by a production start');
    expect(run.stderr).toContain('--test-hooks: test routes never run in production');
    expect(run.stderr).toContain('--dev-kiosk: issue kiosk credentials with server/admin.ts instead');
    expect(run.stderr).toContain('PLATFORM_PUBLIC_URL: required in production');
    expect(run.stderr).toContain('plain HTTP refused in production: set PLATFORM_TLS_CERT and PLATFORM_TLS_KEY');
    expect(run.stderr).toContain('PLATFORM_SIGNING_CERT and PLATFORM_SIGNING_KEY: required in production');
    expect(run.stderr).toContain(
      'Pro Santé Connect: PSC_ISSUER, PSC_CLIENT_ID, PSC_CLIENT_SECRET are required in production (doctors sign in only through Pro Santé Connect there)',
    );
  });

  it('refuses to start without the prescription key, which development does without', () => {
    const run = refusedStart(['--serve'], {
      PLATFORM_PUBLIC_URL: 'https://teleconsultation.example.org',
      PLATFORM_TRUST_PROXY: '127.0.0.1',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PLATFORM_PRESCRIPTION_KEY: missing');
  });
});

describe('the records key at start-up', () => {
  const folder = () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'platform-key-')), 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    return dataDir;
  };
  const production = {
    ...testSigningEnv(mkdtempSync(join(tmpdir(), 'platform-signing-'))),
    PLATFORM_PUBLIC_URL: 'https://teleconsultation.example.org',
    PLATFORM_TRUST_PROXY: '127.0.0.1',
    PLATFORM_PRESCRIPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    // Checked for its form only: these starts stop before any sign-in could reach it.
    PSC_ISSUER: 'https://psc.invalid/realm',
    PSC_CLIENT_ID: 'teleconsultation-kiosk',
    PSC_CLIENT_SECRET: 'a-32-character-client-secret-xyz',
  };

  it('refuses a production start without the key', () => {
    const run = refusedStart(['--serve', '--data-dir', folder()], production);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('PLATFORM_URL=');
    expect(run.stderr).toContain('PLATFORM_DATA_KEY_FILE or PLATFORM_DATA_KEY: missing');
  });

  it('refuses to start on an unreachable PostgreSQL, naming it without its password', () => {
    const run = refusedStart(['--data-dir', folder()], {
      PLATFORM_DATA_KEY: randomBytes(32).toString('base64'),
      // Port 1 on loopback: nothing listens, the connection is refused at once.
      PLATFORM_DATABASE_URL: 'postgres://platform:s3cret@127.0.0.1:1/records',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('PLATFORM_URL=');
    expect(run.stderr).toContain('PLATFORM_DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:1/records');
    expect(run.stderr).not.toContain('s3cret');
  });

  it('refuses to start on an unreachable Redis, naming it without its password', () => {
    const run = refusedStart(['--data-dir', folder()], {
      PLATFORM_DATA_KEY: randomBytes(32).toString('base64'),
      PLATFORM_REDIS_URL: 'redis://:s3cret@127.0.0.1:1',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('PLATFORM_URL=');
    expect(run.stderr).toContain('PLATFORM_REDIS_URL: cannot connect to Redis at 127.0.0.1:1: connect ECONNREFUSED');
    expect(run.stderr).not.toContain('s3cret');
  });

  it('refuses a wrong key on an existing database, which stays as it was', () => {
    const dataDir = folder();
    const file = join(dataDir, 'records.sqlite');
    openRecordsDatabase({ file, key: randomBytes(32) }).close();
    const before = readFileSync(file);
    const run = refusedStart(['--data-dir', dataDir], { PLATFORM_DATA_KEY: randomBytes(32).toString('base64') });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('PLATFORM_URL=');
    expect(run.stderr).toContain(`the platform's data key does not open ${file}`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a development start whose own key is gone, rather than making a new empty database', () => {
    const dataDir = folder();
    openRecordsDatabase({ file: join(dataDir, 'records.sqlite'), key: randomBytes(32) }).close();
    const run = refusedStart(['--dev', '--data-dir', dataDir], {});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`records.sqlite is encrypted and its development key ${dataDir}.key is gone`);
    expect(existsSync(`${dataDir}.key`)).toBe(false);
  });

  it('refuses a production start on health data in clear, naming the command that encrypts it', () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'consultation-reports.jsonl'), '{}\n');
    const run = refusedStart(['--serve', '--data-dir', dataDir], {
      ...production,
      PLATFORM_DATA_KEY: randomBytes(32).toString('base64'),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('health data in clear from an earlier platform');
    expect(run.stderr).toContain('node --import tsx server/admin.ts encrypt-records');
  });
});
