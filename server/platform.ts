import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { ConsultationReport, DoctorInfo } from '../common/signaling/messages';
import { createLogger } from '../common/util/logger';
import { platformRoutes } from './api/platform-routes';
import { prescriptionRoutes } from './api/prescription-routes';
import { FleetRegistry } from './api/fleet-registry';
import { staticApp } from './api/static-files';
import { CallTokens } from './auth/call-tokens';
import { DEV_DOCTOR, DoctorAccounts } from './auth/doctor-accounts';
import { DoctorSessions } from './auth/doctor-sessions';
import { SignInThrottle } from './auth/sign-in-throttle';
import { configureKioskCredentials, KioskCredentials } from './auth/kiosk-credentials';
import { loadOrCreateSecret } from './auth/platform-secret';
import { CallCenter } from './calls/call-center';
import { PrescriptionIssuer } from './calls/prescription-issuer';
import { sendJson, startPlatformHttp, type Route } from './http-server';
import { WorkerPool } from './media/worker-pool';
import { SignalingServer } from './signaling/signaling-server';

const log = createLogger('platform');

export interface PlatformOptions {
  /** 0 = ephemeral (tests). */
  port: number;
  /** Listen address of HTTP and media; default 127.0.0.1. */
  host?: string;
  /** Folder for the secret, doctor accounts and counters; null keeps everything in memory (tests). */
  dataDir: string | null;
  /** mediasoup workers; default one per core. */
  workers?: number;
  /** Seed the dev doctor account (README) when it does not exist. */
  seedDevDoctor?: boolean;
  /** Write a credential for each of these kiosks to its file when the file does not exist (npm start). */
  devKiosks?: { kioskId: string; credentialFile: string }[];
  /** Built console (default dist/console). */
  consoleDir?: string;
  kioskGraceMs?: number;
  doctorGraceMs?: number;
  /** Public base URL (QR codes, tickets behind a proxy); default: the listening URL. */
  publicUrl?: string;
  /**
   * Test-only routes (`POST /api/test/drop-media?consultation=<id>&peer=kiosk`), for the e2e of a
   * dead media path. Never in production: they need no authentication.
   */
  testHooks?: boolean;
  /** Routes mounted before the platform's own (the records service). */
  extraRoutes?: Route[];
  onReport?(report: ConsultationReport): void;
}

export interface Platform {
  readonly url: string;
  readonly calls: CallCenter;
  readonly kioskCredentials: KioskCredentials;
  readonly accounts: DoctorAccounts;
  /** Process ids of the mediasoup workers (diagnostics, tests). */
  mediaWorkerPids(): number[];
  /** The signed-in doctor of a request (`Authorization: Bearer <session token>`), or null. */
  doctorOf(req: IncomingMessage): DoctorInfo | null;
  close(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');

/** Composes and starts the platform: HTTP API, signalling WebSocket, SFU workers, console files. */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { dataDir } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = dataDir ? loadOrCreateSecret(join(dataDir, 'platform-secret')) : randomBytes(32);
  const kioskCredentials = new KioskCredentials(secret);
  configureKioskCredentials(kioskCredentials);
  const callTokens = new CallTokens(secret);
  const accounts = new DoctorAccounts(dataDir ? join(dataDir, 'doctors.json') : null);
  if (options.seedDevDoctor && !accounts.has(DEV_DOCTOR.email)) {
    await accounts.upsert(DEV_DOCTOR);
    log.info('dev doctor account seeded (see README)');
  }
  for (const kiosk of options.devKiosks ?? []) {
    if (existsSync(kiosk.credentialFile)) continue;
    mkdirSync(dirname(kiosk.credentialFile), { recursive: true, mode: 0o700 });
    writeFileSync(kiosk.credentialFile, kioskCredentials.issue(kiosk.kioskId), { mode: 0o600 });
    log.info(`dev credential written for kiosk ${kiosk.kioskId}`);
  }
  const sessions = new DoctorSessions();
  const throttle = new SignInThrottle();
  const fleet = new FleetRegistry();
  const pool = await WorkerPool.start(options.workers);
  const host = options.host ?? '127.0.0.1';
  let publicBase = options.publicUrl ?? '';
  const prescriptions = new PrescriptionIssuer(
    dataDir ? join(dataDir, 'prescription-sequence') : null,
    () => `${publicBase}/verify`,
  );
  const calls = new CallCenter({
    createRouter: () => pool.createRouter(),
    prescriptions,
    listenIp: host,
    announcedAddress: process.env.PLATFORM_ANNOUNCED_IP ?? host,
    kioskGraceMs: options.kioskGraceMs,
    doctorGraceMs: options.doctorGraceMs,
    onReport: (report) => {
      // Kept beside the records until the records service takes doctors' reports (one JSON line each).
      if (dataDir)
        appendFileSync(join(dataDir, 'consultation-reports.jsonl'), `${JSON.stringify(report)}\n`, { mode: 0o600 });
      options.onReport?.(report);
    },
  });
  const startedAt = new Date().toISOString();
  const health: Route = (req, res, url) =>
    req.method === 'GET' &&
    url.pathname === '/healthz' &&
    sendJson(res, 200, { ok: true, startedAt, workers: pool.size, ...calls.stats() });
  const routes: Route[] = [
    health,
    ...(options.extraRoutes ?? []),
    platformRoutes({ kioskCredentials, callTokens, accounts, sessions, fleet, calls, throttle }),
    prescriptionRoutes({
      prescriptions,
      mayRead: (req, number) => {
        if (sessions.fromAuthorization(req.headers.authorization)) return true;
        const kiosk = kioskCredentials.fromAuthorization(req.headers.authorization);
        return kiosk !== null && kiosk.kioskId === prescriptions.kioskOf(number);
      },
    }),
    staticApp('/console/', options.consoleDir ?? join(ROOT, 'dist', 'console')),
  ];
  if (options.testHooks) {
    log.warn('test hooks enabled (never in production)');
    routes.unshift((req, res, url) => {
      if (req.method !== 'POST' || url.pathname !== '/api/test/drop-media') return false;
      const peer = url.searchParams.get('peer') === 'doctor' ? 'doctor' : 'kiosk';
      const dropped = calls.dropMedia(url.searchParams.get('consultation') ?? '', peer);
      return sendJson(res, dropped ? 200 : 404, { dropped });
    });
  }
  const http = await startPlatformHttp(routes, options.port, host);
  publicBase ||= http.url;
  const signaling = new SignalingServer({ calls, callTokens, accounts, sessions, throttle });
  signaling.attach(http.server);
  log.info(`platform listening on ${publicBase}`);
  return {
    url: http.url,
    calls,
    kioskCredentials,
    accounts,
    mediaWorkerPids: () => pool.pids(),
    doctorOf: (req) => sessions.fromAuthorization(req.headers.authorization)?.doctor ?? null,
    close: async () => {
      calls.close();
      await signaling.close();
      http.server.closeAllConnections();
      await http.close();
      await pool.close();
    },
  };
}
