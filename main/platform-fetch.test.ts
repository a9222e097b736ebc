import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_API } from '../common/signaling/fleet';
import { makeTestAuthority, makeTestCertificate, type TestCertificate } from '../http/testing/test-certificate';
import { createCallTicketService } from './call/call-ticket-service';
import { startPlatformHeartbeat } from './call/platform-heartbeat';
import { platformAuthorities, platformFetch } from './platform-fetch';

const SESSION_ID = '0b8f4c53-6a0e-4f0e-9d52-2f6f0d3b8a11';

/**
 * A platform on 127.0.0.1 whose certificate a private test CA issued: the kiosk's clients must
 * refuse it unless `platform.caFile` names that CA. Real TLS, real fetch, no stubs.
 */
describe('platformFetch with platform.caFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-platform-ca-'));
  let ca: TestCertificate;
  let otherCa: TestCertificate;
  let server: Server;
  let url: string;
  const seen: string[] = [];

  beforeAll(async () => {
    ca = makeTestAuthority(dir, { name: 'Test Pharmacy Chain CA', file: 'ca' });
    otherCa = makeTestAuthority(dir, { name: 'Some Other CA', file: 'other-ca' });
    const leaf = makeTestCertificate(dir, { name: 'localhost', ips: ['127.0.0.1'], issuer: ca, file: 'platform' });
    server = createServer({ cert: readFileSync(leaf.certFile), key: readFileSync(leaf.keyFile) }, (req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      const grant = {
        signalingUrl: 'wss://127.0.0.1/signal',
        token: 'x'.repeat(32),
        expiresAt: '2030-01-01T00:00:00Z',
      };
      res.end(JSON.stringify(req.url === PLATFORM_API.callTickets ? grant : { ok: true }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const callTickets = (fetch: typeof globalThis.fetch) =>
    createCallTicketService({
      platformUrl: url.replace(/^https/, 'wss'),
      kioskId: 'kiosk-ca-test',
      territory: '75',
      credential: 'kc1.kiosk-ca-test.n.m',
      currentSession: () => ({ sessionId: SESSION_ID, ageYears: 40, specialty: 'general-practice', reason: 'test' }),
      fetch,
      timeoutMs: 5_000,
    });

  it('refuses the platform without caFile, and with a CA that did not issue its certificate', async () => {
    seen.length = 0;
    await expect(callTickets(platformFetch({})).getCallTicket()).rejects.toMatchObject({
      code: 'platform-unreachable',
    });
    await expect(callTickets(platformFetch({ caFile: otherCa.certFile })).getCallTicket()).rejects.toMatchObject({
      code: 'platform-unreachable',
    });
    expect(seen).toEqual([]); // no request got through the TLS handshake
  });

  it('gets a call ticket and beats the heartbeat over TLS with the CA that issued it', async () => {
    const fetch = platformFetch({ caFile: ca.certFile });
    const ticket = await callTickets(fetch).getCallTicket();
    expect(ticket.sessionId).toBe(SESSION_ID);
    const heartbeat = startPlatformHeartbeat({
      platformUrl: url,
      credential: () => 'kc1.kiosk-ca-test.n.m',
      version: '0.0.0',
      devices: () => [],
      inSession: () => false,
      fetch,
      intervalMs: 3_600_000,
    });
    try {
      expect(await heartbeat.beat()).toBe(true);
    } finally {
      heartbeat.stop();
    }
    expect(seen).toContain(PLATFORM_API.heartbeat);
  });

  it('keeps trusting the default authorities besides the extra one', () => {
    const authorities = platformAuthorities(ca.certFile);
    expect(authorities).toEqual(expect.arrayContaining([...rootCertificates]));
    expect(authorities.at(-1)).toBe(readFileSync(ca.certFile, 'utf8').trim());
  });
});
