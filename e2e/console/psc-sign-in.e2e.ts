import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { WebSocket } from 'ws';
import type { SocketLike } from '../../common/net/socket-connection';
import { CallTicketGrant, PLATFORM_API } from '../../common/signaling/fleet';
import { KioskMethods, PlatformToKiosk } from '../../common/signaling/messages';
import { SignalingClient } from '../../common/signaling/signaling-client';
import { makeTestCertificate } from '../../http/testing/test-certificate';
import { runAdmin } from '../../server/admin';
import {
  startPscTestProvider,
  type PscTestProvider,
} from '../../server/auth/pro-sante-connect/testing/psc-test-provider';
import { resolveWorkerBin } from '../../server/media/worker-pool';
import { expectNoSeriousA11yViolation, saveScreen } from '../support/a11y';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { HOST_ALIAS_CHROMIUM_ARG, hostAliasLookup, PLATFORM_TEST_HOST } from '../support/host-alias';
import { testSigningEnv } from '../../server/prescriptions/testing/signing-certificate';
import { startEntry, type Started } from '../support/processes';
import { requireStack } from '../support/require-stack';
import { openSqliteAuthStores } from '../../server/auth/sqlite-auth-stores';
import { recordsDatabaseFile } from '../../server/records/records-database';

/**
 * The production start (`--serve`, https, Pro Santé Connect only) with a local OpenID provider in
 * Pro Santé Connect's shape (oidc-provider over https): the doctor opens the real console in
 * Chromium, signs in through the provider, and sees the waiting queue; a practitioner whose RPPS no
 * account has is refused with a plain message. Both certificates are the test's own: the platform
 * trusts the provider's through NODE_EXTRA_CA_CERTS, Chromium ignores certificate errors. The
 * platform's public URL is a name (production refuses a loopback one) that this test's Chromium
 * and Node clients alone resolve to 127.0.0.1 (e2e/support/host-alias.ts).
 */
const KIOSK_ID = 'pharmacie-psc-e2e';
const REASON = 'Douleur de gorge depuis deux jours';
/** The records' key, as production gives it; the admin commands read it as the platform does. */
const KEY_ENV = { PLATFORM_DATA_KEY: randomBytes(32).toString('base64') };

let provider: PscTestProvider;
let platform: Started;
let publicUrl: string;
let platformCa: Buffer;
let dataDir: string;
let aliasedBrowser: Browser;

test.beforeAll(async () => {
  await requireStack('the mediasoup worker', resolveWorkerBin);
  const dir = mkdtempSync(join(tmpdir(), 'psc-e2e-'));
  dataDir = join(dir, 'data');
  const platformCert = makeTestCertificate(dir, { name: PLATFORM_TEST_HOST, file: 'platform' });
  const pscCert = makeTestCertificate(dir, { name: 'psc.kiosk.test', ips: ['127.0.0.1'], file: 'psc' });
  platformCa = readFileSync(platformCert.certFile);
  provider = await startPscTestProvider({ tls: pscCert });
  // The public URL must be known before the start (the provider's redirect URI is built from it).
  publicUrl = `https://${PLATFORM_TEST_HOST}:${await freePort()}`;
  provider.registerRedirect(`${publicUrl}${PLATFORM_API.pscCallback}`);
  platform = await startEntry(
    'server/main.ts',
    ['--serve', '--port', new URL(publicUrl).port, '--data-dir', dataDir, '--workers', '1'],
    ['PLATFORM_URL'],
    {
      PLATFORM_PUBLIC_URL: publicUrl,
      PLATFORM_TLS_CERT: platformCert.certFile,
      PLATFORM_TLS_KEY: platformCert.keyFile,
      PLATFORM_PRESCRIPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
      ...KEY_ENV,
      PSC_ISSUER: provider.settings.issuer,
      PSC_CLIENT_ID: provider.settings.clientId,
      PSC_CLIENT_SECRET: provider.settings.clientSecret,
      NODE_EXTRA_CA_CERTS: pscCert.certFile,
      ...testSigningEnv(dir),
      KIOSK_LOG_LEVEL: 'info',
    },
  );
  // The operator adds the doctor by RPPS (no password: production); the platform is already running.
  await runAdmin(
    [
      'add-doctor',
      '--email',
      'dr.martin@example.org',
      '--name',
      'Dr Claire Martin',
      '--rpps',
      '10000000001',
      '--specialties',
      'general-practice',
      '--territories',
      '75',
      '--data-dir',
      dataDir,
    ],
    KEY_ENV,
  );
});

test.afterAll(async () => {
  await aliasedBrowser?.close();
  await platform?.stop();
  await provider?.close();
});

/** A port nobody listens on now (taken, then let go), for a platform whose public URL must name it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A kiosk waiting in the queue: a call ticket with its credential, then `join-queue` over wss, as the kiosk's main does. */
async function kioskJoinsQueue() {
  const credential = (await runAdmin(['kiosk-credential', KIOSK_ID, '--data-dir', dataDir], KEY_ENV)).trim();
  const agent = new Agent({ connect: { ca: platformCa, lookup: hostAliasLookup } });
  const sessionId = crypto.randomUUID();
  const answer = await undiciFetch(`${publicUrl}${PLATFORM_API.callTickets}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId }),
    dispatcher: agent,
  });
  const grant = CallTicketGrant.parse(await answer.json());
  await agent.close();
  const kiosk = new SignalingClient({
    url: grant.signalingUrl,
    methods: KioskMethods,
    incoming: PlatformToKiosk,
    createSocket: (url) => new WebSocket(url, { ca: platformCa, lookup: hostAliasLookup }) as unknown as SocketLike,
  });
  await kiosk.opened;
  await kiosk.request('join-queue', {
    token: grant.token,
    sessionId,
    queueEntry: { ageYears: 58, specialty: 'general-practice', territory: '75', reason: REASON },
    identity: null,
    devices: [],
  });
  return kiosk;
}

/** The console in a Chromium of this test's own, which resolves the platform's public name to loopback. */
async function openConsole(): Promise<Page> {
  aliasedBrowser ??= await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, HOST_ALIAS_CHROMIUM_ARG],
  });
  const context = await aliasedBrowser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${publicUrl}/console/`);
  return page;
}

test('the doctor signs in through Pro Santé Connect in the production console and sees the queue', async () => {
  const kiosk = await kioskJoinsQueue();
  const page = await openConsole();

  // Production offers Pro Santé Connect only: no password form.
  const psc = page.getByTestId('sign-in-psc');
  await expect(psc).toHaveText('Se connecter avec Pro Santé ConnectCarte CPS ou application e-CPS');
  await expect(page.getByTestId('sign-in-password')).toHaveCount(0);
  await expectNoSeriousA11yViolation(page, 'console sign-in (Pro Santé Connect)');
  await saveScreen(page, 'fr', 'console-sign-in-psc');

  await psc.click();
  const row = page.getByTestId('queue-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('queue-reason')).toHaveText(REASON);
  await expect(row.getByTestId('queue-age')).toHaveText('58 ans');
  await expect(page.getByTestId('doctor-name')).toHaveText('Dr Claire Martin');
  // Back on the console's own address: nothing of the sign-in left in the address bar.
  expect(new URL(page.url()).search).toBe('');
  await saveScreen(page, 'fr', 'console-queue-after-psc');

  // The session is the tab's, as after any sign-in: a reload resumes it.
  await page.reload();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  expect(platform.log()).toMatch(/platform:psc doctor [\w-]+ signed in with Pro Santé Connect/);
  kiosk.close();
  await page.context().close();
});

test('a practitioner whose RPPS no account has is refused with a plain message, and nothing is created', async () => {
  provider.signInAs({ idNat: '899700366240', givenName: 'KIT', familyName: 'DOC0036624' });
  const page = await openConsole();
  await page.getByTestId('sign-in-psc').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText(
    'Aucun compte médecin de cette plateforme ne porte votre numéro RPPS. Demandez à l’exploitant de créer votre compte.',
  );
  await expect(page.getByTestId('sign-in-psc')).toBeVisible();
  await expect(page.getByTestId('queue-row')).toHaveCount(0);
  await saveScreen(page, 'fr', 'console-sign-in-psc-unknown-rpps');
  expect(platform.log()).toContain(
    'Pro Santé Connect sign-in refused, unknown-rpps: no doctor account has RPPS 99700366240: add it with admin.ts add-doctor',
  );
  // The accounts as the platform stores them: the operator's one, and none made for this RPPS.
  const accounts = openSqliteAuthStores(recordsDatabaseFile(dataDir, Buffer.from(KEY_ENV.PLATFORM_DATA_KEY, 'base64')));
  try {
    expect(await accounts.doctors.byRpps('99700366240')).toBeNull();
    expect(await accounts.doctors.byEmail('dr.martin@example.org')).not.toBeNull();
  } finally {
    await accounts.close();
  }
  await page.context().close();
});
