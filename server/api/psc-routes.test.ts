import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { setLogLevel } from '../../common/util/logger';
import { DEV_DOCTOR } from '../auth/doctor-accounts';
import { ProSanteConnectClient, PscRefused } from '../auth/pro-sante-connect/psc-client';
import {
  startPscTestProvider,
  TEST_PRACTITIONER,
  type IdTokenTamper,
  type PscTestProvider,
} from '../auth/pro-sante-connect/testing/psc-test-provider';
import { TestBrowser } from '../auth/pro-sante-connect/testing/test-browser';
import type { Platform } from '../platform';
import { requireMediasoupWorker } from '../testing/mediasoup-stack';
import { connectDoctor } from '../testing/signal-clients';
import { startTestPlatform } from '../testing/test-platform';

/**
 * Pro Santé Connect sign-in against a real platform (in process) and a local OpenID provider
 * (oidc-provider, server/auth/pro-sante-connect/testing/) issuing PSC's claims: the whole
 * authorization code flow, then every refusal, each ending on the console with its reason, no
 * session, and a log line that names the reason and holds no secret.
 */
const mediasoup = await requireMediasoupWorker();
let provider: PscTestProvider;
let platform: Platform;
const logs: string[] = [];
/** Values that must never reach a log line: codes, states, tokens, the client secret. */
const secrets = new Set<string>();

beforeAll(async () => {
  if (mediasoup.missing) return;
  provider = await startPscTestProvider();
  platform = await startTestPlatform({ proSanteConnect: provider.settings });
  provider.registerRedirect(`${platform.url}${PLATFORM_API.pscCallback}`);
  secrets.add(provider.settings.clientSecret);
  setLogLevel('info');
  vi.spyOn(console, 'error').mockImplementation((line: string) => void logs.push(line));
});

afterAll(async () => {
  vi.restoreAllMocks();
  setLogLevel('silent');
  await platform?.close();
  await provider?.close();
});

/** The sign-in up to the provider's answer (the callback URL with `code` and `state`), not yet delivered. */
async function toCallback(browser: TestBrowser): Promise<URL> {
  const callback = await browser.follow(`${platform.url}${PLATFORM_API.pscStart}`, (url) =>
    url.pathname.endsWith(PLATFORM_API.pscCallback),
  );
  for (const name of ['code', 'state']) secrets.add(callback.searchParams.get(name) ?? '');
  return callback;
}

/** Delivers an answer to the platform; resolves with the console URL it sends the browser to. */
async function deliver(browser: TestBrowser, callback: URL): Promise<URL> {
  const response = await browser.request(callback.href);
  expect(response.status).toBe(303);
  return new URL(response.headers.get('location')!, platform.url);
}

/** A whole sign-in in a new browser, maybe with a tampered ID token: where it ends and what the console collects. */
async function signInThrough(tamper: IdTokenTamper | null = null) {
  provider.tamperIdToken(tamper);
  const browser = new TestBrowser();
  try {
    const landing = await deliver(browser, await toCallback(browser));
    const session = await browser.request(`${platform.url}${PLATFORM_API.pscSession}`, { method: 'POST', body: {} });
    return { browser, landing: `${landing.pathname}${landing.search}`, session };
  } finally {
    provider.tamperIdToken(null);
  }
}

/** The URL of a loopback port nobody listens on (taken, then let go). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** The refusal lines logged since `from`. */
const refusalsSince = (from: number) => logs.slice(from).filter((line) => line.includes('sign-in refused'));

async function expectRefused(run: () => Promise<{ landing: string; session: Response }>, code: string, detail: RegExp) {
  const from = logs.length;
  const { landing, session } = await run();
  const lines = refusalsSince(from);
  expect(landing, lines.join('\n')).toBe(`/console/?psc=${code}`);
  expect(session.status).toBe(401);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`Pro Santé Connect sign-in refused, ${code}: `);
  expect(lines[0]).toMatch(detail);
}

mediasoup.describe('Pro Santé Connect sign-in', () => {
  it('signs the doctor in by the RPPS of the ID token and UserInfo, with the session a password gives', async () => {
    const methods = await fetch(`${platform.url}${PLATFORM_API.doctorSignInMethods}`);
    expect(await methods.json()).toEqual({ password: true, proSanteConnect: true });

    // The authorization request: code flow, PKCE S256, state, nonce, PSC's scope and level; no secret in it.
    const browser = new TestBrowser();
    const start = await browser.request(`${platform.url}${PLATFORM_API.pscStart}`);
    expect(start.status).toBe(303);
    expect(start.headers.get('set-cookie')).toMatch(
      /^psc-flow=[\w-]{32}; Path=\/api\/doctor\/psc\/; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );
    const authorization = new URL(start.headers.get('location')!);
    expect(authorization.origin).toBe(provider.issuer);
    const params = Object.fromEntries(authorization.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: provider.settings.clientId,
      redirect_uri: `${platform.url}${PLATFORM_API.pscCallback}`,
      scope: 'openid scope_all',
      acr_values: 'eidas1',
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(params.state).toMatch(/^[\w-]{20,}$/);
    expect(params.nonce).toMatch(/^[\w-]{20,}$/);
    expect(authorization.href).not.toContain(provider.settings.clientSecret);

    const callback = await browser.follow(authorization.href, (url) => url.pathname.endsWith(PLATFORM_API.pscCallback));
    expect(callback.searchParams.get('state')).toBe(params.state);
    secrets.add(callback.searchParams.get('code')!);
    expect((await deliver(browser, callback)).search).toBe('?psc=signed-in');

    const collected = await browser.request(`${platform.url}${PLATFORM_API.pscSession}`, { method: 'POST', body: {} });
    expect(collected.status).toBe(200);
    const session = (await collected.json()) as { token: string; expiresAt: string; doctor: unknown };
    secrets.add(session.token);
    expect(session.doctor).toEqual(await platform.accounts.byRpps(DEV_DOCTOR.rpps));
    expect(session.doctor).toMatchObject({ name: 'Dr Claire Martin', rpps: '10000000001' });
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now() + 11 * 3600_000);
    // Collected once: the same browser cannot take it again.
    expect(
      (await browser.request(`${platform.url}${PLATFORM_API.pscSession}`, { method: 'POST', body: {} })).status,
    ).toBe(401);

    // The same session as the password's: the console resumes it over signalling and reads the fleet.
    const fleet = await fetch(`${platform.url}${PLATFORM_API.fleet}`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(fleet.status).toBe(200);
    const console_ = await connectDoctor(platform, null);
    const resumed = await console_.request('resume-session', { token: session.token });
    expect(resumed.doctor).toEqual(session.doctor);
    expect((await console_.request('subscribe-queue', {})).entries).toEqual([]);
    console_.close();
  });

  it('refuses an answer whose state is not the one this browser was given, or that reaches another browser', async () => {
    await expectRefused(
      async () => {
        const browser = new TestBrowser();
        const callback = await toCallback(browser);
        callback.searchParams.set('state', 'forged-state-value-0123456789');
        const landing = await deliver(browser, callback);
        const session = await browser.request(`${platform.url}${PLATFORM_API.pscSession}`, {
          method: 'POST',
          body: {},
        });
        return { landing: `${landing.pathname}${landing.search}`, session };
      },
      'state-mismatch',
      /the answer's state is not the one this browser was given$/,
    );
    // An attacker's own answer pushed into a doctor's browser (login CSRF): that browser started nothing.
    await expectRefused(
      async () => {
        const callback = await toCallback(new TestBrowser());
        const victim = new TestBrowser();
        const landing = await deliver(victim, callback);
        const session = await victim.request(`${platform.url}${PLATFORM_API.pscSession}`, { method: 'POST', body: {} });
        return { landing: `${landing.pathname}${landing.search}`, session };
      },
      'state-mismatch',
      /no sign-in under way in this browser, or it expired$/,
    );
  });

  it('refuses an ID token with a bad signature, a wrong nonce, a wrong audience or past its expiry', async () => {
    await expectRefused(() => signInThrough({ kind: 'foreign-key' }), 'invalid-token', /signature verification failed/);
    await expectRefused(
      () => signInThrough({ kind: 'claims', change: (claims) => void (claims.nonce = 'replayed-nonce') }),
      'invalid-token',
      /"nonce" claim/,
    );
    await expectRefused(
      () => signInThrough({ kind: 'claims', change: (claims) => void (claims.aud = 'another-service') }),
      'invalid-token',
      /"aud" \(audience\) claim/,
    );
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused(
      () =>
        signInThrough({
          kind: 'claims',
          change: (claims) => Object.assign(claims, { iat: hourAgo - 600, exp: hourAgo }),
        }),
      'invalid-token',
      /"exp" \(expiration time\) claim/,
    );
    await expectRefused(
      () => signInThrough({ kind: 'claims', change: (claims) => void (claims.acr = 'eidas0') }),
      'invalid-token',
      /authentication level "eidas0" is below eidas1$/,
    );
  });

  it('refuses a practitioner whose RPPS no account has, or who has no RPPS, and creates no account', async () => {
    const unknown = { idNat: '899700366240', givenName: 'KIT', familyName: 'DOC0036624' };
    provider.signInAs(unknown);
    await expectRefused(
      () => signInThrough(),
      'unknown-rpps',
      /no doctor account has RPPS 99700366240: add it with admin\.ts add-doctor$/,
    );
    expect(await platform.accounts.byRpps('99700366240')).toBeNull();
    // An ADELI identifier (type 0) is no RPPS.
    provider.signInAs({ ...unknown, idNat: '0123456789' });
    await expectRefused(() => signInThrough(), 'no-rpps', /SubjectNameID is not an RPPS identifier \(type digit "0"/);
    provider.signInAs(TEST_PRACTITIONER);
  });

  it('refuses an error answer of the provider (the doctor cancelled)', async () => {
    provider.signInAs('cancel');
    await expectRefused(() => signInThrough(), 'provider-refused', /the provider answered "access_denied"$/);
    provider.signInAs(TEST_PRACTITIONER);
  });

  it('says the provider is unreachable when it does not answer, at the start or at the code exchange', async () => {
    const dead = new ProSanteConnectClient({ ...provider.settings, issuer: await closedPort() }, { allowHttp: true });
    const refusal = await dead.authorizationRequest('http://127.0.0.1/cb').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PscRefused);
    expect(refusal).toMatchObject({ code: 'provider-unreachable', detail: 'fetch failed: ECONNREFUSED' });

    // The provider goes down while the doctor is back from it: the code cannot be exchanged.
    await expectRefused(
      async () => {
        const browser = new TestBrowser();
        const callback = await toCallback(browser);
        await provider.close();
        const landing = await deliver(browser, callback);
        const session = await browser.request(`${platform.url}${PLATFORM_API.pscSession}`, {
          method: 'POST',
          body: {},
        });
        return { landing: `${landing.pathname}${landing.search}`, session };
      },
      'provider-unreachable',
      /fetch failed: ECONNREFUSED$/,
    );
  });

  it('logged no code, state, token or client secret', () => {
    secrets.delete('');
    expect(secrets.size).toBeGreaterThan(10);
    for (const secret of secrets) expect(logs.filter((line) => line.includes(secret))).toEqual([]);
    expect(logs.some((line) => line.includes('signed in with Pro Santé Connect'))).toBe(true);
  });
});
