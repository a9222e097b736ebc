import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLogLevel } from '../common/util/logger';
import { PlatformCredential } from './platform-credential';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe("the kiosk's platform credential", () => {
  it('reads the file at each call, names it when empty, and replaces it whole', () => {
    dir = mkdtempSync(join(tmpdir(), 'credential-'));
    const credential = new PlatformCredential(join(dir, 'credential'));
    expect(credential.read()).toBeNull();
    expect(() => credential.require()).toThrow(`no kiosk credential in ${credential.file}`);
    writeFileSync(credential.file, 'kc2.first\n');
    expect(credential.require()).toBe('kc2.first');
    credential.replace('kc2.second');
    expect(credential.read()).toBe('kc2.second');
    expect(readdirSync(dir)).toEqual(['credential']);
  });

  it("tells the pharmacist's overview the last refusal until the platform accepts the credential again", () => {
    dir = mkdtempSync(join(tmpdir(), 'credential-'));
    setLogLevel('silent');
    const credential = new PlatformCredential(join(dir, 'credential'));
    expect(credential.state()).toBe('missing');
    writeFileSync(credential.file, 'kc2.first\n');
    expect(credential.state()).toBeNull();
    credential.refused('credential-expired');
    expect(credential.state()).toBe('credential-expired');
    credential.accepted();
    expect(credential.state()).toBeNull();
  });

  it('logs the cause of a refusal once until the credential is accepted again', () => {
    setLogLevel('error');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const credential = new PlatformCredential('/nonexistent/credential');
    expect(credential.refused('credential-expired')).toBe(true);
    expect(credential.refused('credential-expired')).toBe(true);
    expect(credential.refused('rate-limited')).toBe(false);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]![0])).toMatch(/credential expired: ask the operator for a new one$/);
    expect(credential.state()).toBe('missing');
    credential.accepted();
    credential.refused('credential-revoked');
    expect(String(logged.mock.calls[1]![0])).toMatch(/credential revoked: ask the operator for a new one$/);
  });
});
