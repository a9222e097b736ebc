import { join, resolve } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import { systemClock, type Clock } from '../common/util/clock';
import { createLogger } from '../common/util/logger';
import { createHttpServer, listen, reloadTls, type HttpApp } from '../http/http-server';
import type { TlsFiles } from '../http/tls-files';
import { serveSinglePageApp } from '../http/single-page-app';
import type { AccessLogStore } from './access/access-store';
import { registerConsultationRoutes } from './access/consultation-routes';
import { ReadGate } from './access/read-gate';
import { readerIdentifier } from './access/readers';
import { registerPlatformRoutes } from './api/platform-routes';
import { registerTechnicianRoutes } from './api/technician-routes';
import { registerPrescriptionRoutes } from './api/prescription-routes';
import { registerPrescriptionPreviewRoute } from './api/prescription-preview-route';
import { registerCalibrationVerifyRoute } from './api/calibration-routes';
import { registerProSanteConnectRoutes } from './api/psc-routes';
import { registerSignInRoute } from './api/sign-in-route';
import type { SignInLimits } from './auth/sign-in-throttle';
import type { KioskCredentials } from './auth/kiosk-credentials';
import type { DoctorAccounts } from './auth/doctor-accounts';
import { ProSanteConnectClient } from './auth/pro-sante-connect/psc-client';
import type { PscSettings } from './auth/pro-sante-connect/psc-config';
import { PscFlows } from './auth/pro-sante-connect/psc-flows';
import { registerTestHooks } from './api/test-hooks';
import { openPharmacySide } from './pharmacy/pharmacy-side';
import { billingEntryFor } from './billing/billing-entry';
import { seedDevelopment, type PlatformAuth } from './platform-auth';
import { CallCenter } from './calls/call-center';
import type { KioskPlaceOf } from './calls/queue-board';
import type { PharmacyDirectory } from './pharmacy/pharmacy-directory';
import { ConsultationBook } from './calls/consultation-book';
import { QueueJournal } from './calls/queue-journal';
import type { EpochQueueStore } from './cluster/call-fence';
import type { DoctorSessions } from './auth/doctor-sessions';
import { PrescriptionIssuer } from './calls/prescription-issuer';
import { LOOPBACK_MEDIA, type MediaNetwork } from './media/media-network';
import type { TurnConfig } from './media/turn-credentials';
import { WorkerPool } from './media/worker-pool';
import type { PdfSigner } from './prescriptions/pdf-signer';
import type { PrescriptionMailer } from './mail/prescription-mailer';
import type { SmsSender } from './notify/sms-gateway';
import { registerPrescriptionMailRoutes } from './api/prescription-mail-routes';
import { PrescriptionSeal } from './prescriptions/prescription-seal';
import type { FleetStores } from './fleet-stores';
import type { PlatformStores } from './platform-stores';
import { openStorage } from './platform-storage';
import { bookedAppointmentOf, openAppointments } from './appointments/appointment-wiring';
import { memorySequence, SqlitePrescriptionSequence } from './records/prescription-sequence';
import type { RecordsDatabaseFile } from './records/records-database';
import type { RecordsRepository } from './records/records-repository';
import { refuseTicketsWhileLost } from './platform-database-health';
import { openRecordsService } from './records/records-service';
import type { SignalingStats } from './signaling/signaling-server';
import { openIdentitySide, type IdentitySide } from './identity/identity-side';
import type { PharmacyDeps } from './signaling/socket-context';
import type { DoctorConsultationOf } from './records/auscultation-clip-routes';
import type { ClusterNode } from './cluster/cluster-node';
import { openClusterNode, openSignaling, poolRoomMedia, resumedCallRooms } from './cluster/platform-cluster';
import { openCompliance, type ComplianceOptions } from './compliance/compliance-wiring';

const log = createLogger('platform');

export interface PlatformOptions {
  /** 0 = ephemeral (tests). */
  port: number;
  /** Listen address of HTTP; default 127.0.0.1. */
  host?: string;
  /** Serve HTTPS from these PEM files (Platform.reloadTls swaps them); default plain HTTP. */
  tls?: TlsFiles | null;
  /** Reverse proxies (IPs or CIDR blocks) whose X-Forwarded-For/-Proto are believed; default none. */
  trustProxy?: readonly string[];
  /** Send HSTS; on by itself with `tls`, set it when a proxy serves https (production). */
  hsts?: boolean;
  /** Where the media listen, what they announce, their ports; default all loopback. */
  media?: MediaNetwork;
  /** TURN servers handed to both sides with credentials minted per transport; default none. */
  turn?: TurnConfig | null;
  /** Folder for the secret, doctor accounts and the records; null keeps everything in memory (tests). */
  dataDir: string | null;
  /** The records on PostgreSQL (PLATFORM_DATABASE_URL, server/platform-storage.ts); absent: SQLite. */
  databaseUrl?: string | null;
  /**
   * The key the records database is encrypted with (server/platform-data-key.ts), required with a
   * `dataDir`: the platform never writes health data in clear.
   */
  dataKey?: Buffer | null;
  /** mediasoup workers; default one per core. */
  workers?: number;
  /** Seed the dev doctor account (README) when it does not exist. */
  seedDevDoctor?: boolean;
  /** Seed the dev pharmacy and pharmacist (README), owning the `devKiosks`, when they do not exist. */
  seedDevPharmacy?: boolean;
  /** A pharmacist alert not acknowledged this long is escalated (default 60 s; tests give less). */
  alertEscalationMs?: number;
  /** How long a called-back patient's place is held (PLATFORM_CALLBACK_HOLD_MINUTES); default 10 min. */
  callbackHoldMs?: number;
  /** Write a credential for each of these kiosks to its file when the file does not exist (npm start). */
  devKiosks?: { kioskId: string; credentialFile: string }[];
  /**
   * Doctors may sign in with e-mail and password (development and tests; default on). The production
   * start turns it off (server/platform-config.ts): there Pro Santé Connect is the only sign-in.
   */
  passwordSignIn?: boolean;
  /** The INSi interface (PLATFORM_INSI_URL, server/identity/insi-client.ts); null or absent: INSi not asked. */
  insiUrl?: string | null;
  /** Pro Santé Connect as this platform's relying party; null or absent: not offered. */
  proSanteConnect?: PscSettings | null;
  /** Limits of the sign-in throttle (default DEFAULT_SIGN_IN_LIMITS). */
  signInLimits?: SignInLimits;
  /** Built console (default dist/console). */
  consoleDir?: string;
  /** Built pharmacist portal (default dist/portal). */
  portalDir?: string;
  kioskGraceMs?: number;
  doctorGraceMs?: number;
  /**
   * The calls' and the sockets' clock (grace periods, waits, a socket's deadline to join or sign
   * in); default the system's. Tests move it by hand.
   */
  clock?: Clock;
  /**
   * Key of the prescriptions' QR tokens, at least 32 bytes (server/prescriptions/prescription-key.ts
   * reads it from PLATFORM_PRESCRIPTION_KEY); the same on every node, or their QR codes fail.
   */
  prescriptionKey: Buffer;
  /** Signs the prescription PDFs with the platform's certificate (server/prescriptions/pdf-signer.ts); absent: unsigned. */
  pdfSigner?: PdfSigner | null;
  /** Sends the patients' e-mailed links (server/mail/prescription-mailer.ts); absent: no e-mail offered. */
  mailer?: PrescriptionMailer | null;
  /** Sends the appointments' SMS reminders (server/notify/sms-gateway.ts); absent: e-mail reminders only. */
  sms?: SmsSender | null;
  /** The e-prescription service and the MSSanté mailbox (server/compliance/compliance-wiring.ts). */
  ePrescription?: ComplianceOptions['ePrescription'];
  mssante?: ComplianceOptions['mssante'];
  /** Sockets per client address that may be open without having joined or signed in (default 20). */
  maxUnauthenticatedPerAddress?: number;
  /**
   * Public origin (https in production): the QR codes' verification links and the kiosks' signalling
   * URL (wss) are built from it; default: the listening URL and the request's own scheme and host.
   */
  publicUrl?: string | null;
  /**
   * Test-only routes (`POST /api/test/drop-media?consultation=<id>&peer=kiosk`), for the e2e of a
   * dead media path, answering loopback only (server/api/test-hooks.ts). Never in production.
   */
  testHooks?: boolean;
  /** Several nodes (server/cluster): the bus and the call node's lease on PLATFORM_REDIS_URL; absent: one node. */
  redisUrl?: string | null;
  /** This node's id among the others (PLATFORM_NODE_ID); default from the process id. */
  nodeId?: string;
}

export interface Platform {
  readonly url: string;
  readonly calls: CallCenter;
  readonly kioskCredentials: KioskCredentials;
  readonly accounts: DoctorAccounts;
  /** The records kiosks sync (tests read what was stored). */
  readonly records: RecordsRepository;
  /** Every read of a consultation's data and every refused attempt (the admin command queries it). */
  readonly accessLog: AccessLogStore;
  /** Process ids of the mediasoup workers (diagnostics, tests). */
  mediaWorkerPids(): number[];
  /** Open signalling sockets and the addresses with an unauthenticated one (diagnostics, tests). */
  signalingStats(): SignalingStats;
  /** Re-reads the TLS files (after a renewal); throws, keeping the old certificate, on a bad one. */
  reloadTls(): string;
  close(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The calls: queue, rooms on the worker pool, prescriptions; each doctor's part in a consultation
 * and its report stored with the records; the queue journaled in the records database.
 */
async function openCallCenter(
  options: PlatformOptions,
  {
    pool,
    prescriptions,
    stores,
    pharmacies,
    queue,
    cluster,
  }: {
    pool: WorkerPool;
    prescriptions: PrescriptionIssuer;
    stores: PlatformStores;
    /**
     * The kiosk's pharmacy id (billing), and its name and town (the doctors' queue); the pharmacy side
     * opens after the calls, which it watches: no call ends or is listed before.
     */
    pharmacies: { pharmacyOf(kioskId: string): string | null; placeOf: KioskPlaceOf };
    /** Where the queue's journal keeps the consultations and the kept places. */
    queue: EpochQueueStore;
    /** The node in its cluster: the journal restores and follows the queue only on the node holding the calls. */
    cluster: ClusterNode;
  },
) {
  const book = new ConsultationBook();
  const media = poolRoomMedia(pool, options.media ?? LOOPBACK_MEDIA, options.turn ?? null);
  const calls = new CallCenter({
    book,
    ...media,
    routerCapabilities: () => pool.rtpCapabilities(),
    prescriptions,
    kioskGraceMs: options.kioskGraceMs,
    doctorGraceMs: options.doctorGraceMs,
    ...(options.callbackHoldMs === undefined ? {} : { callbackHoldMs: options.callbackHoldMs }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    // With its billing row (the kiosk's pharmacy now, the patient's NIR), in one transaction.
    storeReport: (report, identity) =>
      stores.saveEnded(report, billingEntryFor(report, identity, pharmacies.pharmacyOf(report.kioskId))),
    recordParticipation: (participation) => stores.access.recordParticipation(participation),
    bookedAppointment: bookedAppointmentOf(stores),
    placeOf: pharmacies.placeOf,
  });
  // The queue stored before a restart comes back before anything listens: kiosks rejoin their place.
  // Calls under way on a node that died are resumed here, in new rooms on this node's workers.
  const resumedRooms = resumedCallRooms({ ...media, onMeasurement: () => calls.measurementKept() });
  const journal = new QueueJournal(cluster.fencedStore(queue), book, calls, options.clock ?? systemClock, resumedRooms);
  await cluster.whenCallNode(() => journal.start());
  /** The journal stops first: the call center's close empties its book, not to be written as an empty queue. */
  const close = async () => (await journal.stop(), await calls.flushReports(), calls.close(), await cluster.close());
  return { calls, close };
}

interface PrescribingDeps {
  database: RecordsDatabaseFile;
  stores: PlatformStores;
  seal: PrescriptionSeal;
  accounts: DoctorAccounts;
  verifyBase: () => string;
}

/**
 * Prescription numbers from the records database's counter (PostgreSQL's when the stores are there,
 * memory without a data folder), sealed, stored, and each queued for the e-prescription service
 * (server/compliance/compliance-wiring.ts).
 */
function openPrescriptions(
  options: PlatformOptions,
  { database, stores, seal, accounts, verifyBase }: PrescribingDeps,
) {
  const { dataDir } = options;
  const onPg = stores.prescriptionSequence;
  const sequence =
    !onPg && dataDir ? new SqlitePrescriptionSequence(database, join(dataDir, 'prescription-sequence')) : null;
  const compliance = openCompliance(database, options, stores.deliveries);
  const prescriptions = new PrescriptionIssuer({
    sequence: onPg ?? sequence ?? memorySequence(),
    store: stores.prescriptions,
    verifyBaseUrl: verifyBase,
    seal,
    practiceAddressOf: (doctorId) => accounts.practiceAddressOf(doctorId),
    onIssued: (issued) => compliance.onIssued(issued),
  });
  const closePrescribing = async () => (await compliance.close(), sequence?.close());
  return { prescriptions, compliance, closePrescribing };
}

/**
 * The records kiosks sync and who reads them: the FHIR export, the prescriptions' PDFs and the
 * reports go through one gate that checks the doctor's part in the consultation and logs each attempt.
 */
function openRecords(
  { database, repository }: { database: RecordsDatabaseFile; repository: RecordsRepository },
  auth: PlatformAuth,
  stores: PlatformStores,
  consultationOf: DoctorConsultationOf,
  options: PlatformOptions,
) {
  const identity = openIdentity(options, database, stores);
  let records: ReturnType<typeof openRecordsService> | null = null;
  const reads = new ReadGate({
    identify: readerIdentifier({
      sessions: auth.sessions,
      kioskCredentials: auth.kioskCredentials,
      // The export tokens live in the records service opened just below (read at request time).
      exportTokens: { holder: (authorization, scope) => records?.exportTokens.holder(authorization, scope) ?? null },
    }),
    access: stores.access,
    log: stores.accessLog,
  });
  records = openRecordsService({
    database,
    repository,
    reads,
    consultationOf,
    sessionOf: (consultationId) => stores.access.sessionOf(consultationId),
    identity: { onStored: identity.onStored, compliance: (sessionId) => identity.compliance(stores, sessionId) },
    verifyKiosk: async (token) => {
      const result = await auth.kioskCredentials.check(token);
      return result.ok ? result.principal.kioskId : { refusal: result.refusal };
    },
  });
  const service = records;
  // Identity vigilance ends first: an INSi search under way writes to the records database.
  const close = async () => (await identity.close(), await service.close());
  return { records: { ...service, close }, reads, identity };
}

/** Identity vigilance (issue 21): INSi asked for each identity the kiosks sync, the staff's document checks. */
function openIdentity(options: PlatformOptions, database: RecordsDatabaseFile, stores: PlatformStores): IdentitySide {
  const clock = options.clock ?? systemClock;
  const { identityChecks: store } = stores;
  return openIdentitySide({
    database,
    insiUrl: options.insiUrl ?? null,
    now: () => clock.now(),
    ...(store && { store }),
  });
}

/**
 * The kiosks' pharmacies for the calls, which open before the pharmacy side (it watches them): the
 * queue a restart restores is listed before `open`, with no pharmacy named until then.
 */
function pharmacyLookups() {
  let directory: PharmacyDirectory | null = null;
  return {
    async open(options: Parameters<typeof openPharmacySide>[0]) {
      const side = await openPharmacySide(options);
      directory = side.deps.directory;
      return side;
    },
    pharmacyOf: (kioskId: string) => directory?.pharmacyOf(kioskId) ?? null,
    placeOf: (kioskId: string) => directory?.placeOf(kioskId) ?? null,
  };
}

/** Auscultation clips are kept by the doctor signed in on the request while in call with the consultation. */
function doctorInCall(sessions: DoctorSessions, calls: CallCenter): DoctorConsultationOf {
  return async (headers, consultationId) => {
    const doctor = (await sessions.fromAuthorization(headers.authorization))?.doctor;
    return doctor ? calls.consultationInCall(doctor, consultationId) : null;
  };
}

/** The HTTP(S) server: TLS, proxy and HSTS as configured, and rate limits for the public routes. */
async function openHttpApp(options: PlatformOptions): Promise<HttpApp> {
  const app = await createHttpServer({
    name: 'platform:http',
    tls: options.tls ?? undefined,
    trustProxy: options.trustProxy?.length ? options.trustProxy : undefined,
    hsts: options.hsts,
  });
  // Request rates on the public routes (sign-in, verification), per client address, in a bounded LRU.
  await app.register(rateLimit, { global: false });
  return app;
}

/**
 * The doctors' sign-ins: the password (development; on unless told) and Pro Santé Connect when
 * configured. Returns whether the password is on, for the signalling's `sign-in`.
 */
function registerDoctorSignIn(app: HttpApp, options: PlatformOptions, auth: PlatformAuth, publicBase: () => string) {
  const { accounts, sessions, throttle } = auth;
  const password = options.passwordSignIn ?? true;
  const psc = options.proSanteConnect ?? null;
  registerSignInRoute(app, { accounts, sessions, throttle, methods: { password, proSanteConnect: psc !== null } });
  if (psc)
    registerProSanteConnectRoutes(app, {
      // An http issuer passed the configuration's checks only in development (a local test provider).
      client: new ProSanteConnectClient(psc, { allowHttp: psc.issuer.startsWith('http:') }),
      flows: new PscFlows(options.clock, undefined, auth.pscFlows),
      accounts,
      sessions,
      publicBase,
    });
  return password;
}

/** The routes that hand out a consultation's data, all through the read gate: records, prescriptions, reports, shares. */
function registerReadRoutes(
  app: HttpApp,
  deps: {
    records: ReturnType<typeof openRecordsService>;
    reads: ReadGate;
    prescriptions: PrescriptionIssuer;
    stores: PlatformStores;
    accounts: DoctorAccounts;
    seal: PrescriptionSeal;
    signer: PdfSigner | null;
    mailer: PrescriptionMailer | null;
    publicBase: () => string;
    identity: IdentitySide;
    calls: CallCenter;
    sessions: DoctorSessions;
    compliance: ReturnType<typeof openCompliance>;
    pharmacy: PharmacyDeps;
  },
) {
  const { reads, stores, accounts } = deps;
  deps.records.register(app);
  const { sessions: pharmacists, directory } = deps.pharmacy;
  deps.identity.register(app, { pharmacists, directory, reads, sessionOf: (id) => stores.access.sessionOf(id) });
  deps.compliance.register(app, { reads, stores, records: deps.records, pharmacy: deps.pharmacy });
  registerPrescriptionRoutes(app, { prescriptions: deps.prescriptions, reads, signer: deps.signer });
  registerPrescriptionPreviewRoute(app, deps);
  registerPrescriptionMailRoutes(app, { ...deps, prescriptions: deps.prescriptions });
  registerCalibrationVerifyRoute(app, { records: deps.records.repository });
  registerConsultationRoutes(app, {
    reads,
    access: stores.access,
    reports: stores.reports,
    doctorByEmail: (email) => accounts.find(email),
  });
}

/** The pharmacy side's clock, escalation delay, fleet stores, and the development pharmacy's kiosks with `--dev`. */
function pharmacyOptions(options: PlatformOptions, stores: FleetStores) {
  return {
    stores: { pharmacies: stores.pharmacies, kioskBeats: stores.kioskBeats },
    ...(options.clock && { clock: options.clock }),
    ...(options.alertEscalationMs !== undefined && { alertEscalationMs: options.alertEscalationMs }),
    devPharmacyKiosks: options.seedDevPharmacy ? (options.devKiosks ?? []).map((k) => k.kioskId) : null,
  };
}

/** The built browser apps: the doctor console and the pharmacist's portal. */
async function serveWebApps(app: HttpApp, options: Pick<PlatformOptions, 'consoleDir' | 'portalDir'>) {
  await serveSinglePageApp(app, {
    root: options.consoleDir ?? join(ROOT, 'dist', 'console'),
    prefix: '/console/',
    name: 'The doctor console',
  });
  await serveSinglePageApp(app, {
    root: options.portalDir ?? join(ROOT, 'dist', 'portal'),
    prefix: '/portal/',
    name: "The pharmacist's portal",
  });
}

/**
 * GET /healthz: up since when, the media workers, the calls and the queue (no patient data), the
 * node in its cluster and the shared database (503 while this node takes no new calls: its Redis or
 * its database lost; the one watch on the database is the cluster node's, platform-database-health.ts).
 */
function registerHealth(
  app: Awaited<ReturnType<typeof openHttpApp>>,
  pool: WorkerPool,
  calls: CallCenter,
  options: PlatformOptions,
  cluster: ClusterNode,
) {
  const startedAt = new Date().toISOString();
  refuseTicketsWhileLost(app, cluster.database);
  // 503 while this node takes no new calls (Redis or PostgreSQL lost): the load balancer sends
  // new clients elsewhere; the calls running here go on.
  app.get('/healthz', (_request, reply) => {
    const node = cluster.health();
    void reply.code(node.accepting ? 200 : 503);
    const database = cluster.database.health();
    return { ok: node.accepting, startedAt, workers: pool.size, ...calls.stats(), cluster: node, database };
  });
  // And, for tests only, the hooks (a media drop, the platform's clock).
  if (options.testHooks) registerTestHooks(app, calls, options.clock);
}

/** Composes and starts the platform: HTTP API, signalling WebSocket, SFU workers, console files. */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  // First, so a short key stops the start before anything listens.
  const seal = new PrescriptionSeal(options.prescriptionKey);
  // Next, so a wrong data key stops the start before anything listens, naming the file.
  const { database, stores, auth, repository, queue } = await openStorage(options);
  const cluster = await openClusterNode(options, database.key, queue);
  await seedDevelopment(auth, { ...options, technicians: stores.technicians });
  const { kioskCredentials, callTokens, accounts, sessions, throttle } = auth;
  const pool = await WorkerPool.start(options.workers, options.media ?? LOOPBACK_MEDIA);
  let publicBase = options.publicUrl ?? '';
  const prescribing = { database, stores, seal, accounts, verifyBase: () => `${publicBase}/verify` };
  const { prescriptions, compliance, closePrescribing } = openPrescriptions(options, prescribing);
  const pharmacies = pharmacyLookups();
  const callDeps = { pool, prescriptions, stores, pharmacies, queue, cluster };
  const { calls, close: closeCalls } = await openCallCenter(options, callDeps);
  const opened = openRecords({ database, repository }, auth, stores, doctorInCall(auth.sessions, calls), options);
  const pharmacy = await pharmacies.open({ ...pharmacyOptions(options, stores), calls, authStores: auth.stores });
  const app = await openHttpApp(options);
  registerHealth(app, pool, calls, options, cluster);
  const publicWsUrl = options.publicUrl?.replace(/^http/, 'ws');
  registerPlatformRoutes(app, { kioskCredentials, callTokens, sessions, fleet: pharmacy.fleet, calls, publicWsUrl });
  registerTechnicianRoutes(app, { kioskCredentials, technicians: stores.technicians });
  openAppointments(app, { stores, auth, calls, pharmacy: pharmacy.deps, ...options });
  pharmacy.register(app, kioskCredentials, stores.billing);
  const passwordSignIn = registerDoctorSignIn(app, options, auth, () => publicBase);
  const web = { seal, publicBase: () => publicBase, signer: options.pdfSigner ?? null, mailer: options.mailer ?? null };
  const reading = { prescriptions, stores, accounts, compliance, pharmacy: pharmacy.deps, calls, sessions };
  registerReadRoutes(app, { ...opened, ...reading, ...web });
  await serveWebApps(app, options);
  const deps = { calls, callTokens, accounts, sessions, throttle, passwordSignIn, pharmacy: pharmacy.deps };
  const signaling = await openSignaling(app, { ...deps, accessLog: stores.accessLog }, options, cluster, pool);
  const url = await listen(app, options.port, options.host ?? '127.0.0.1');
  publicBase ||= url;
  log.info(`platform listening on ${publicBase}`);
  return {
    url,
    calls,
    kioskCredentials,
    accounts,
    records: opened.records.repository,
    accessLog: stores.accessLog,
    mediaWorkerPids: () => pool.pids(),
    signalingStats: () => signaling.stats(),
    reloadTls: () => {
      if (!options.tls) throw new Error('this platform was started without TLS files: nothing to reload');
      return reloadTls(app, options.tls);
    },
    close: async () => {
      await pharmacy.close();
      await closeCalls();
      await signaling.close();
      await app.close();
      await pool.close();
      await closePrescribing();
      await opened.records.close();
      await auth.close();
      stores.close();
    },
  };
}
