import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { SIGNALING_PATH } from '../../common/signaling/messages';
import { fetchCallTicket, startCallPagesServer } from '../../e2e/call/call-pages';
import { doctorDriver, kioskDriver } from '../../e2e/call/page-drivers';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium';
import { startEntry, type Started } from '../../e2e/support/processes';
import { runAdmin } from '../../server/admin';
import { DEV_DOCTOR } from '../../server/auth/doctor-accounts';
import type { FaultResult } from './fault';
import { oversizedFrame, stormFrames, type StormRole } from './storm-frames';

/**
 * 10,000 malformed signalling frames against a platform process (garbage bytes, broken JSON,
 * oversized, unknown types, well-shaped frames with wrong fields), from unauthenticated sockets, a
 * signed-in kiosk and a signed-in doctor, while a consultation runs on the same platform between
 * two Chromium pages and its kiosk records a reading every 20 ms on the reliable vitals channel.
 * Lost: a reading the kiosk sent that the doctor never received; duplicated: one received twice.
 */
const FRAMES = 10_000;
const PARALLEL_SOCKETS = 6;
const STORM_DOCTOR = {
  email: 'storm@kiosk.test',
  password: 'storm-doctor-password',
  name: 'Storm',
  rpps: '10000000002',
};
const QUEUE_ENTRY = { ageYears: 40, specialty: 'general-practice', territory: '75', reason: 'fault run' } as const;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function open(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

interface Storm {
  sent: number;
  answered: number;
  sockets: number;
  closedByPlatform: number;
}

/** One storm socket: take its role, send its malformed frames, wait for the answers or the close. */
async function stormSocket(
  url: string,
  role: StormRole,
  frames: (string | Buffer)[],
  signIn: () => Promise<object | null>,
  storm: Storm,
) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  storm.sockets++;
  let answers = 0;
  const answered = new Promise<boolean>((resolve) => {
    socket.on('message', () => {
      if (++answers === frames.length + (role === 'unauthenticated' ? 0 : 1)) resolve(false);
    });
    socket.once('close', () => resolve(true));
    setTimeout(() => resolve(false), 5_000);
  });
  const entry = await signIn();
  if (entry) socket.send(JSON.stringify({ id: `entry-${storm.sockets}`, ...entry }));
  for (const frame of frames) {
    if (socket.readyState !== WebSocket.OPEN) break;
    socket.send(frame);
    storm.sent++;
  }
  if (await answered) storm.closedByPlatform++;
  storm.answered += Math.max(0, answers - (entry ? 1 : 0));
  socket.close();
}

export default async function signallingStorm(): Promise<FaultResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fault-storm-'));
  // A folder inside it: the development data key is made beside the platform's folder, so it goes too.
  const dataDir = join(dir, 'platform');
  mkdirSync(dataDir, { mode: 0o700 });
  let platform: Started | null = null;
  let browser: Browser | null = null;
  const pages = await startCallPagesServer();
  try {
    await runAdmin(
      [
        'add-doctor',
        '--email',
        STORM_DOCTOR.email,
        '--name',
        STORM_DOCTOR.name,
        '--rpps',
        STORM_DOCTOR.rpps,
        // The kiosk's queue entry asks for general practice in Paris: a doctor who may take it.
        '--specialties',
        'general-practice',
        '--territories',
        '75',
        '--data-dir',
        dataDir,
      ],
      { PLATFORM_DOCTOR_PASSWORD: STORM_DOCTOR.password },
    );
    const kioskCredentialFile = join(dir, 'kiosk-credential');
    const stormCredentialFile = join(dir, 'storm-credential');
    platform = await startEntry(
      'server/main.ts',
      [
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--dev',
        '--workers',
        '1',
        '--dev-kiosk',
        `fault-kiosk=${kioskCredentialFile}`,
        '--dev-kiosk',
        `storm-kiosk=${stormCredentialFile}`,
      ],
      ['PLATFORM_URL'],
      { KIOSK_LOG_LEVEL: 'silent' },
    );
    const platformUrl = platform.values.PLATFORM_URL!;
    const pid = platform.process.pid!;

    // The consultation under way.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const kioskPage = await open(browser, `${pages.url}/renderer/streaming/testing/kiosk.html`);
    const doctorPage = await open(browser, `${pages.url}/renderer/streaming/testing/doctor.html`);
    const kiosk = kioskDriver(kioskPage);
    const doctor = doctorDriver(doctorPage);
    await doctor.signIn(platformUrl, DEV_DOCTOR.email, DEV_DOCTOR.password);
    await kiosk.start(
      await fetchCallTicket(platformUrl, readFileSync(kioskCredentialFile, 'utf8').trim(), 'fault-kiosk', QUEUE_ENTRY),
    );
    await doctorPage.waitForFunction(
      () => (globalThis as unknown as { doctorTest: { queue(): unknown[] } }).doctorTest.queue().length > 0,
    );
    const consultationId = (await doctor.queue())[0]!.consultationId;
    await doctor.accept(consultationId);
    await kioskPage.waitForFunction(
      () => (globalThis as unknown as { kioskTest: { state(): string } }).kioskTest.state() === 'connected',
      undefined,
      { timeout: 30_000 },
    );
    // The reliable channel is open once a first reading gets through.
    const warmUp = await kiosk.sendMeasurements(1, 0);
    await doctorPage.waitForFunction(
      (id) =>
        (globalThis as unknown as { doctorTest: { measurementIds(): string[] } }).doctorTest
          .measurementIds()
          .includes(id),
      warmUp[0]!,
      { timeout: 30_000 },
    );
    const rssBefore = rssMb(pid);

    // The storm, while the kiosk keeps recording.
    const sentReadings = [...warmUp];
    let storming = true;
    const readings = (async () => {
      while (storming) sentReadings.push(...(await kiosk.sendMeasurements(25, 20)));
    })();
    let seed = 0x5707;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 8;
    };
    const stormCredential = readFileSync(stormCredentialFile, 'utf8').trim();
    const url = `${platformUrl.replace(/^http/, 'ws')}${SIGNALING_PATH}`;
    const storm: Storm = { sent: 0, answered: 0, sockets: 0, closedByPlatform: 0 };
    const roles: StormRole[] = ['unauthenticated', 'kiosk', 'doctor'];
    const signIn = (role: StormRole) => async () => {
      if (role === 'doctor') return { type: 'sign-in', email: STORM_DOCTOR.email, password: STORM_DOCTOR.password };
      if (role === 'unauthenticated') return null;
      const ticket = await fetchCallTicket(platformUrl, stormCredential, 'storm-kiosk', QUEUE_ENTRY);
      return {
        type: 'join-queue',
        token: ticket.token,
        sessionId: randomUUID(),
        queueEntry: QUEUE_ENTRY,
        identity: null,
        devices: [],
      };
    };
    let next = 0;
    let remaining = FRAMES;
    let rssHalfway = Number.NaN;
    const worker = async () => {
      while (remaining > 0) {
        const n = next++;
        const role = roles[n % roles.length]!;
        const frames = stormFrames(random, role, consultationId);
        if (n % 10 === 9) frames.push(oversizedFrame());
        frames.splice(remaining);
        remaining -= frames.length;
        await stormSocket(url, role, frames, signIn(role), storm);
        if (Number.isNaN(rssHalfway) && remaining <= FRAMES / 2) rssHalfway = rssMb(pid);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: PARALLEL_SOCKETS }, worker));
    const stormSeconds = (Date.now() - started) / 1000;
    storming = false;
    await readings;
    const alive = platform.process.exitCode === null && platform.process.signalCode === null;
    const health = alive
      ? await fetch(`${platformUrl}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      : false;
    const rssAfter = alive ? rssMb(pid) : Number.NaN;
    // Let the last readings arrive, then compare; the platform settles meanwhile.
    await doctorPage.waitForTimeout(5_000);
    const received = await doctor.measurementIds();
    const rssSettled = alive ? rssMb(pid) : Number.NaN;
    const held = new Set(received);
    return {
      name: '10,000 malformed signalling messages during a call',
      injected: `${storm.sent.toLocaleString('en')} malformed frames over ${storm.sockets} sockets (unauthenticated, kiosk, doctor) in ${stormSeconds.toFixed(0)} s; ${sentReadings.length} readings sent meanwhile`,
      lost: sentReadings.filter((id) => !held.has(id)).length,
      duplicated: received.length - held.size,
      checks: `platform alive and healthy: ${alive && health}; RSS ${rssBefore.toFixed(0)} MB before, ${rssHalfway.toFixed(0)} MB halfway, ${rssAfter.toFixed(0)} MB at the end, ${rssSettled.toFixed(0)} MB 5 s later (the second half added ${(rssAfter - rssHalfway).toFixed(0)} MB); ${storm.answered.toLocaleString('en')} frames refused with an answer, ${storm.closedByPlatform} sockets closed by the platform (oversized or too many refusals)`,
    };
  } finally {
    await browser?.close();
    await platform?.stop();
    await pages.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
