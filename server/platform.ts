import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import type { ConsultationReport, DoctorInfo } from '../common/signaling/messages';
import type { Clock } from '../common/util/clock';
import { createLogger } from '../common/util/logger';
import { createHttpServer, listen, type HttpApp } from '../http/http-server';
import { serveSinglePageApp } from '../http/single-page-app';
import { registerPlatformRoutes } from './api/platform-routes';
import { registerPrescriptionRoutes } from './api/prescription-routes';
import { registerSignInRoute } from './api/sign-in-route';
import { FleetRegistry } from './api/fleet-registry';
import { CallTokens } from './auth/call-tokens';
import { DEV_DOCTOR, DoctorAccounts } from './auth/doctor-accounts';
import { DoctorSessions } from './auth/doctor-sessions';
import { SignInThrottle, type SignInLimits } from './auth/sign-in-throttle';
import { configureKioskCredentials, KioskCredentials } from './auth/kiosk-credentials';
import { loadOrCreateSecret } from './auth/platform-secret';
import { CallCenter } from './calls/call-center';
import { PrescriptionIssuer } from './calls/prescription-issuer';
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
  /** Limits of the sign-in throttle (default DEFAULT_SIGN_IN_LIMITS). */
  signInLimits?: SignInLimits;
  /** Built console (default dist/console). */
  consoleDir?: string;
  kioskGraceMs?: number;
  doctorGraceMs?: number;
  /** The calls' clock (grace periods, waits); default the system's. Tests move it by hand. */
  clock?: Clock;
  /** Public base URL (QR codes, tickets behind a proxy); default: the listening URL. */
  publicUrl?: string;
  /**
   * Test-only routes (`POST /api/test/drop-media?consultation=<id>&peer=kiosk`), for the e2e of a
   * dead media path. Never in production: they need no authentication.
   */
  testHooks?: boolean;
  /** Mount more routes on the platform's server (the records service). */
  extraRoutes?: ((app: HttpApp) => void)[];
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
  doctorOf(headers: IncomingHttpHeaders): DoctorInfo | null;
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
  const throttle = new SignInThrottle(options.signInLimits);
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
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    onReport: (report) => {
      // Kept beside the records until the records service takes doctors' reports (one JSON line each).
      if (dataDir)
        appendFileSync(join(dataDir, 'consultation-reports.jsonl'), `${JSON.stringify(report)}\n`, { mode: 0o600 });
      options.onReport?.(report);
    },
  });
  const startedAt = new Date().toISOString();
  const app = await createHttpServer({ name: 'platform:http' });
  // Request rates on the public routes (sign-in, verification), per client address, in a bounded LRU.
  await app.register(rateLimit, { global: false });
  app.get('/healthz', () => ({ ok: true, startedAt, workers: pool.size, ...calls.stats() }));
  if (options.testHooks) {
    log.warn('test hooks enabled (never in production)');
    app.post(
      '/api/test/drop-media',
      {
        schema: {
          querystring: z.object({ consultation: z.string(), peer: z.enum(['kiosk', 'doctor']).default('kiosk') }),
        },
      },
      (request, reply) => {
        const dropped = calls.dropMedia(request.query.consultation, request.query.peer);
        return reply.code(dropped ? 200 : 404).send({ dropped });
      },
    );
  }
  for (const register of options.extraRoutes ?? []) register(app);
  registerPlatformRoutes(app, { kioskCredentials, callTokens, sessions, fleet, calls });
  registerSignInRoute(app, { accounts, sessions, throttle });
  registerPrescriptionRoutes(app, {
    prescriptions,
    mayRead: (headers, number) => {
      if (sessions.fromAuthorization(headers.authorization)) return true;
      const kiosk = kioskCredentials.fromAuthorization(headers.authorization);
      return kiosk !== null && kiosk.kioskId === prescriptions.kioskOf(number);
    },
  });
  await serveSinglePageApp(app, {
    root: options.consoleDir ?? join(ROOT, 'dist', 'console'),
    prefix: '/console/',
    name: 'The doctor console',
  });
  const signaling = new SignalingServer({ calls, callTokens, accounts, sessions, throttle });
  await signaling.attach(app);
  const url = await listen(app, options.port, host);
  publicBase ||= url;
  log.info(`platform listening on ${publicBase}`);
  return {
    url,
    calls,
    kioskCredentials,
    accounts,
    mediaWorkerPids: () => pool.pids(),
    doctorOf: (headers) => sessions.fromAuthorization(headers.authorization)?.doctor ?? null,
    close: async () => {
      calls.close();
      await signaling.close();
      await app.close();
      await pool.close();
    },
  };
}
