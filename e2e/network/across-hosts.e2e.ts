import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { buildCallPage, buildLiveKioskPage } from '../call/kiosk-host';
import { DEV_DOCTOR } from '../call/call-fixtures';
import { doctorDriver, kioskDriver } from '../call/page-drivers';
import { ROOT } from '../support/processes';
import { missingPieces, startCallHosts, type CallHosts, type CallHostsOptions } from './hosts';
import { droppedByFirewall, firewallKiosk, limitKioskLink } from './netns';

const missing = missingPieces();
// Under CI a missing piece is a failure with its reason; on a developer's machine a skip with it.
if (process.env.CI !== 'true') test.skip(missing.length > 0, `cannot build test networks: ${missing.join('; ')}`);

test.describe.configure({ timeout: 180_000 });

let builds: Pick<CallHostsOptions, 'liveKioskBuild' | 'doctorBuild'>;
test.beforeAll(async () => {
  expect(missing, 'what the network tests need').toEqual([]);
  builds = {
    liveKioskBuild: await buildLiveKioskPage(),
    doctorBuild: await buildCallPage(join(ROOT, 'renderer/streaming/testing'), 'doctor.html'),
  };
});

/** Resolves once a decoded-frame counter has grown by `by` frames. */
async function framesRising(read: () => Promise<number>, by = 10, timeout = 30_000) {
  const start = await read();
  await expect.poll(read, { timeout }).toBeGreaterThan(start + by);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

/** The doctor signs in, the patient joins the queue, the doctor accepts. */
async function patientAccepted(hosts: CallHosts) {
  const kiosk = kioskDriver(hosts.kioskPage);
  const doctor = doctorDriver(hosts.doctorPage);
  await doctor.signIn(hosts.platformUrl, DEV_DOCTOR.email, DEV_DOCTOR.password);
  await kiosk.start(hosts.ticket());
  await expect.poll(async () => (await doctor.queue()).length, { timeout: 20_000 }).toBe(1);
  await doctor.accept((await doctor.queue())[0]!.consultationId);
  return { kiosk, doctor };
}

/**
 * The patient joins, the doctor accepts, video both ways, the doctor asks for SpO2 and the kiosk's
 * simulated oximeter streams it. Returns the drivers for the case's own checks.
 */
async function callWithVitals(hosts: CallHosts) {
  const { kiosk, doctor } = await patientAccepted(hosts);
  await expect.poll(kiosk.state, { timeout: 45_000 }).toBe('connected');
  await framesRising(kiosk.framesDecoded);
  await framesRising(doctor.framesDecoded);
  await doctor.requestMeasurement('oximetry');
  await expect.poll(doctor.plausibleLiveOximetry, { timeout: 30_000 }).toBe(true);
  await expect.poll(async () => (await doctor.vitals()).plethSamples, { timeout: 30_000 }).toBeGreaterThan(120);
  return { kiosk, doctor };
}

test('a kiosk whose firewall drops UDP calls the doctor through TURN over TLS: video both ways, live vitals', async () => {
  const hosts = await startCallHosts({
    ...builds,
    // Only TCP to the platform's web port and to TURN's TLS port leaves the cabin.
    shape: (net, coturn) => firewallKiosk(net, [8480, coturn.tlsPort]),
  });
  try {
    const { kiosk } = await callWithVitals(hosts);
    const path = await kiosk.mediaPath();
    expect(path).toMatchObject({ localType: 'relay', relayProtocol: 'tls' });
    expect(path!.bytesReceived).toBeGreaterThan(0);
    // The direct ways were tried and refused by the firewall, not merely unused.
    expect(droppedByFirewall(hosts.net).udp).toBeGreaterThan(0);
    // coturn took this call's credential (username <expiry>:<consultation>-kiosk) over TLS and relayed.
    expect(hosts.coturn.log()).toMatch(/username=<\d+:[\w-]+-kiosk>, lifetime=\d+, cipher=[\w-]+, method=TLS/);
    expect(hosts.coturn.log()).toMatch(/user <\d+:[\w-]+-kiosk>: incoming packet ALLOCATE processed, success/);
  } finally {
    await hosts.close();
  }
});

test('with UDP allowed the kiosk reaches the SFU directly: no relay', async () => {
  const hosts = await startCallHosts(builds);
  try {
    const { kiosk } = await callWithVitals(hosts);
    expect(await kiosk.mediaPath()).toMatchObject({ localType: 'host', protocol: 'udp' });
  } finally {
    await hosts.close();
  }
});

test('on a 1 Mbit/s link the call stays up, the video keeps flowing within the link, the vitals keep arriving', async () => {
  const hosts = await startCallHosts({ ...builds, shape: (net) => limitKioskLink(net, '1mbit') });
  try {
    const { kiosk, doctor } = await callWithVitals(hosts);
    await doctor.clearLatencies();
    const before = await kiosk.mediaPath();
    const started = Date.now();
    // Twenty seconds of call on the narrow link: video still decoding on both sides.
    await framesRising(kiosk.framesDecoded, 100, 40_000);
    await framesRising(doctor.framesDecoded, 100, 40_000);
    const after = await kiosk.mediaPath();
    const seconds = (Date.now() - started) / 1000;
    const kbps = ((after!.bytesReceived - before!.bytesReceived) * 8) / seconds / 1000;
    const arrivals = await doctor.plethArrivals();
    expect(arrivals.length).toBeGreaterThan(50);
    const p99 = percentile(arrivals, 99);
    console.log(
      `1 Mbit/s link: kiosk receives ${kbps.toFixed(0)} kbit/s; vitals (pleth) kiosk → doctor over ${arrivals.length} chunks: p50 ${percentile(arrivals, 50)} ms, p99 ${p99} ms`,
    );
    expect(kbps).toBeLessThan(1000);
    expect(await kiosk.state()).toBe('connected');
  } finally {
    await hosts.close();
  }
});

/** Behind the firewall with TURN misconfigured: the doctor accepts, the media never connect. */
async function acceptWithBrokenTurn(options: Pick<CallHostsOptions, 'turnSecret' | 'turnUrls'>) {
  const hosts = await startCallHosts({
    ...builds,
    ...options,
    shape: (net, coturn) => firewallKiosk(net, [8480, coturn.tlsPort, UNUSED_PORT]),
  });
  try {
    const { kiosk } = await patientAccepted(hosts);
    // The screen's message (ConsultationScreen shows it for this code).
    await expect.poll(kiosk.error, { timeout: 45_000 }).toBe('media-unreachable');
    expect(await kiosk.state()).not.toBe('connected');
    return hosts;
  } catch (error) {
    await hosts.close();
    throw error;
  }
}

/** A port of the platform's host where nothing listens (the firewall lets it through). */
const UNUSED_PORT = 5350;

test('a wrong TURN secret: the kiosk says the service is unreachable, the platform log names the secret', async () => {
  const hosts = await acceptWithBrokenTurn({ turnSecret: (coturn) => `${coturn.secret}-but-not-this-one` });
  try {
    await expect
      .poll(hosts.platformLog, { timeout: 10_000 })
      .toMatch(
        /kiosk kiosk-net: TURN turns:\S+ refused the credential \(401[^)]*\): TURN_SECRET is not coturn's static-auth-secret/,
      );
    // coturn refused it too: the cause is the secret, not the network.
    expect(hosts.coturn.log()).toMatch(/user <\d+:[\w-]+-kiosk>: .*error 401/);
  } finally {
    await hosts.close();
  }
});

test('an unreachable TURN server: the kiosk says the service is unreachable, the platform log says which', async () => {
  const hosts = await acceptWithBrokenTurn({
    turnUrls: (coturn) => coturn.tlsUrl.replace(`:${coturn.tlsPort}`, `:${UNUSED_PORT}`),
  });
  try {
    await expect
      .poll(hosts.platformLog, { timeout: 10_000 })
      .toMatch(new RegExp(`kiosk kiosk-net: TURN turns:\\S+:${UNUSED_PORT}\\S* could not be reached from the client`));
  } finally {
    await hosts.close();
  }
});

test('the platform restarted with a renewed certificate: the kiosk and the doctor reconnect over TLS and the call goes on', async () => {
  const hosts = await startCallHosts({ ...builds, tls: true });
  try {
    const kiosk = kioskDriver(hosts.kioskPage);
    const doctor = doctorDriver(hosts.doctorPage);
    expect(hosts.platformUrl).toMatch(/^https:\/\//);
    expect(hosts.platformLog()).toContain('TLS certificate: CN=platform.kiosk.test');
    const ticket = hosts.ticket();
    // Derived from the request's scheme: a kiosk reaching the platform over https is sent to wss.
    expect(ticket.signalingUrl).toMatch(/^wss:\/\//);
    await doctor.signIn(hosts.platformUrl, DEV_DOCTOR.email, DEV_DOCTOR.password);
    await kiosk.start(ticket);
    await expect.poll(async () => (await doctor.queue()).length, { timeout: 20_000 }).toBe(1);

    hosts.tls!.renew();
    await hosts.restartPlatform();
    expect(hosts.platformLog()).toContain('TLS certificate: CN=renewed.platform.kiosk.test');
    // The doctor's page signs in again on the restarted platform; the kiosk's session rejoins the
    // queue by itself with its ticket, over wss with the renewed certificate.
    await hosts.doctorPage.reload();
    await doctor.signIn(hosts.platformUrl, DEV_DOCTOR.email, DEV_DOCTOR.password);
    await expect.poll(async () => (await doctor.queue()).length, { timeout: 30_000 }).toBe(1);
    await doctor.accept((await doctor.queue())[0]!.consultationId);
    await expect.poll(kiosk.state, { timeout: 45_000 }).toBe('connected');
    await framesRising(kiosk.framesDecoded);
    await framesRising(doctor.framesDecoded);
  } finally {
    await hosts.close();
  }
});
