import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestAuthority, makeTestCertificate } from '../http/testing/test-certificate';
import { spkiHash } from './kiosk-chromium-args';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What the fallback shell's --ignore-certificate-errors-spki-list really does, in Debian's Chromium:
 * it trusts a platform that sends the CA's certificate in its chain, and not one that sends only
 * its own (Chromium hashes the keys of the certificates it is sent, nothing more) — the limit the
 * README states.
 */
describe.skipIf(!existsSync(CHROMIUM))('Chromium with the CA key hash of platform.caFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-chromium-ca-'));
  const servers: Server[] = [];
  const origins: Record<'leafOnly' | 'fullChain', string> = { leafOnly: '', fullChain: '' };
  let caPem = '';

  beforeAll(async () => {
    const ca = makeTestAuthority(dir, { name: 'Chromium Test CA', file: 'ca' });
    const leaf = makeTestCertificate(dir, { name: 'localhost', ips: ['127.0.0.1'], issuer: ca, file: 'leaf' });
    caPem = readFileSync(ca.certFile, 'utf8');
    const key = readFileSync(leaf.keyFile);
    const chains = {
      leafOnly: readFileSync(leaf.certFile, 'utf8'),
      fullChain: readFileSync(leaf.certFile, 'utf8') + caPem,
    };
    for (const kind of ['leafOnly', 'fullChain'] as const) {
      const server = createServer({ key, cert: chains[kind] }, (_req, res) => res.end(`<p>reached-${kind}</p>`));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      origins[kind] = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    }
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const dumpDom = async (url: string, spki: string[]) => {
    const profile = mkdtempSync(join(dir, 'profile-'));
    const flags = spki.length ? [`--ignore-certificate-errors-spki-list=${spki.join(',')}`] : [];
    const { stdout } = await promisify(execFile)(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, ...flags, '--dump-dom', url],
      { timeout: 30_000 },
    );
    return stdout;
  };

  it('reaches the platform that sends the CA certificate, and only with the hash', async () => {
    expect(await dumpDom(origins.fullChain, [spkiHash(caPem)])).toContain('reached-fullChain');
    expect(await dumpDom(origins.fullChain, [])).not.toContain('reached-fullChain');
  }, 70_000);

  it('does not reach a platform that sends only its own certificate', async () => {
    expect(await dumpDom(origins.leafOnly, [spkiHash(caPem)])).not.toContain('reached-leafOnly');
  }, 40_000);
});
