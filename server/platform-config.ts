import { isIP } from 'node:net';
import { loadTlsFiles, type TlsFiles } from '../http/tls-files';
import { pscSettingsFromEnv, type PscSettings } from './auth/pro-sante-connect/psc-config';
import { insiUrlFromEnv } from './identity/insi-config';
import { mediaNetworkFromEnv, type MediaNetwork } from './media/media-network';
import { turnConfigFromEnv, type TurnConfig } from './media/turn-credentials';
import { prescriptionMailerFromEnv, type PrescriptionMailer } from './mail/prescription-mailer';
import { smsGatewayFromEnv, type SmsSender } from './notify/sms-gateway';
import { pdfSignerFromEnv, SIGNING_ENV, type PdfSigner } from './prescriptions/pdf-signer';
import { prescriptionKey } from './prescriptions/prescription-key';
import { DATABASE_URL_ENV, databaseUrlFrom } from './records/pg-database';
import { nodeIdFrom } from './cluster/cluster-bus';
import { REDIS_URL_ENV, redisUrlFrom } from './cluster/redis-bus';
import { ePrescriptionFromEnv, mssanteFromEnv } from './compliance/compliance-env';
import type { SmtpMssanteSender } from './mail/mssante/mssante-sender';
import type { HttpsEPrescriptionService } from './prescriptions/eprescription/eprescription-service';

/**
 * `dev`: `npm run platform` / `npm start` — the development account, password sign-in, test hooks
 * and plain HTTP on loopback allowed. `serve`: `npm run platform:serve` — none of those; TLS (or a
 * named proxy that terminates it), a public https URL and Pro Santé Connect required.
 */
export type PlatformMode = 'dev' | 'serve';

/** What the command line gave (server/main.ts); the rest comes from the environment. */
export interface PlatformFlags {
  host: string;
  port: string;
  dev: boolean;
  serve: boolean;
  testHooks: boolean;
  devKiosks: readonly string[];
}

/** Everything the platform's network and secrets need, checked. */
export interface PlatformConfig {
  mode: PlatformMode;
  host: string;
  port: number;
  /** The https (or, in development, http) origin kiosks and consoles are given; null: the listening URL. */
  publicUrl: string | null;
  /** PEM files the platform serves TLS with (reloaded on SIGHUP); null: plain HTTP. */
  tls: TlsFiles | null;
  /** Reverse proxies whose X-Forwarded-* headers are believed; empty: none. */
  trustProxy: string[];
  media: MediaNetwork;
  turn: TurnConfig | null;
  prescriptionKey: Buffer;
  /** Signs the prescription PDFs (PLATFORM_SIGNING_CERT and PLATFORM_SIGNING_KEY); null: unsigned. */
  pdfSigner: PdfSigner | null;
  /** The patients' e-mailed links (PLATFORM_SMTP_URL, PLATFORM_MAIL_FROM); null: no e-mail offered. */
  mailer: PrescriptionMailer | null;
  /** The appointments' SMS reminders (PLATFORM_SMS_URL, PLATFORM_SMS_TOKEN); null: none by SMS. */
  sms: SmsSender | null;
  /** The e-prescription service and the MSSanté mailbox (server/compliance/compliance-env.ts); null: none. */
  ePrescription: HttpsEPrescriptionService | null;
  mssante: SmtpMssanteSender | null;
  /** E-mail and password sign-in for doctors: development only. */
  passwordSignIn: boolean;
  /** Pro Santé Connect (PSC_ISSUER, PSC_CLIENT_ID, PSC_CLIENT_SECRET); required in production. */
  proSanteConnect: PscSettings | null;
  /** A pharmacist alert not acknowledged this long is escalated (ms; default 60 s). */
  alertEscalationMs: number;
  /** How long a called-back patient's place is held (ms; default 10 min; server/calls/away-places.ts). */
  callbackHoldMs: number;
  /** PostgreSQL for the records (PLATFORM_DATABASE_URL); null: the embedded SQLite in the data folder. */
  databaseUrl: string | null;
  /** Several nodes share a bus and the call node's lease on Redis (PLATFORM_REDIS_URL); null: one node. */
  redisUrl: string | null;
  /** This node's id among the others (PLATFORM_NODE_ID, or the host name and a random suffix). */
  nodeId: string;
  /** The INSi interface (PLATFORM_INSI_URL); null: identities are not searched in INSi. */
  insiUrl: string | null;
}

/** The environment variables read here, for the README and error messages. */
export const PLATFORM_ENV = {
  publicUrl: 'PLATFORM_PUBLIC_URL',
  tlsCert: 'PLATFORM_TLS_CERT',
  tlsKey: 'PLATFORM_TLS_KEY',
  trustProxy: 'PLATFORM_TRUST_PROXY',
  alertEscalation: 'PLATFORM_ALERT_ESCALATION_SECONDS',
  callbackHold: 'PLATFORM_CALLBACK_HOLD_MINUTES',
} as const;

/** Runs each reader, keeping every error: a bad configuration is told all at once. */
function errorCollector() {
  const errors: string[] = [];
  const read = <T>(reader: () => T): T | undefined => {
    try {
      return reader();
    } catch (error) {
      errors.push((error as Error).message);
      return undefined;
    }
  };
  return { errors, read };
}

/**
 * Reads and checks the platform's configuration: every wrong value of every setting is collected
 * and thrown as one error, one line each naming the flag or variable, so an operator fixes them all
 * in one go and nothing has started.
 */
export function readPlatformConfig(flags: PlatformFlags, env: NodeJS.ProcessEnv): PlatformConfig {
  const { errors, read } = errorCollector();
  const mode: PlatformMode = flags.serve ? 'serve' : 'dev';
  if (flags.serve) errors.push(...productionRefusals(flags));
  const host = read(() => listenHost(flags.host));
  const port = read(() => listenPort(flags.port));
  const publicUrl = read(() => publicUrlFrom(env[PLATFORM_ENV.publicUrl], mode));
  const tls = read(() => tlsFrom(env));
  const trustProxy = read(() => trustProxyFrom(env[PLATFORM_ENV.trustProxy])) ?? [];
  const media = read(() => mediaNetworkFromEnv(env, flags.host));
  const turn = read(() => turnConfigFromEnv(env));
  const key = read(() => prescriptionKey(env, mode === 'dev'));
  const pdfSigner = read(() => requiredInProduction(pdfSignerFromEnv(env), mode));
  const mailer = read(() => prescriptionMailerFromEnv(env));
  const sms = read(() => smsGatewayFromEnv(env));
  const [ePrescription, mssante] = [read(() => ePrescriptionFromEnv(env)), read(() => mssanteFromEnv(env))];
  const psc = read(() => pscSettingsFromEnv(env, { required: mode === 'serve', allowHttp: mode === 'dev' }));
  const alertEscalationMs = read(() => alertEscalationFrom(env[PLATFORM_ENV.alertEscalation]));
  const callbackHoldMs = read(() => callbackHoldFrom(env[PLATFORM_ENV.callbackHold]));
  const databaseUrl = read(() => databaseUrlFrom(env[DATABASE_URL_ENV]));
  const redisUrl = read(() => redisUrlFrom(env[REDIS_URL_ENV]));
  const nodeId = read(() => nodeIdFrom(env));
  const insiUrl = read(() => insiUrlFromEnv(env, { allowHttp: mode === 'dev' }));
  if (mode === 'serve' && tls === null && trustProxy.length === 0)
    errors.push(
      `plain HTTP refused in production: set ${PLATFORM_ENV.tlsCert} and ${PLATFORM_ENV.tlsKey}, or name the reverse proxy that terminates TLS in ${PLATFORM_ENV.trustProxy}`,
    );
  if (errors.length > 0) throw new Error(`bad configuration, nothing started:\n${errors.join('\n')}`);
  return {
    mode,
    host: host!,
    port: port!,
    publicUrl: publicUrl ?? null,
    tls: tls ?? null,
    trustProxy,
    media: media!,
    turn: turn ?? null,
    prescriptionKey: key!,
    pdfSigner: pdfSigner ?? null,
    mailer: mailer ?? null,
    sms: sms ?? null,
    ePrescription: ePrescription ?? null,
    mssante: mssante ?? null,
    passwordSignIn: mode === 'dev',
    proSanteConnect: psc ?? null,
    alertEscalationMs: alertEscalationMs!,
    callbackHoldMs: callbackHoldMs!,
    databaseUrl: databaseUrl ?? null,
    redisUrl: redisUrl ?? null,
    nodeId: nodeId!,
    insiUrl: insiUrl ?? null,
  };
}

/** Minutes a called-back patient's place is held: 10 unless told; 1 to 60. */
function callbackHoldFrom(text: string | undefined): number {
  if (!text) return 10 * 60_000;
  const minutes = Number(text);
  if (!/^\d+$/.test(text) || minutes < 1 || minutes > 60)
    throw new Error(`${PLATFORM_ENV.callbackHold}: expected whole minutes from 1 to 60, got "${text}"`);
  return minutes * 60_000;
}

/** Seconds before an unacknowledged pharmacist alert is escalated: 60 unless told; 1 to 600. */
function alertEscalationFrom(text: string | undefined): number {
  if (!text) return 60_000;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > 600)
    throw new Error(`${PLATFORM_ENV.alertEscalation}: expected whole seconds from 1 to 600, got "${text}"`);
  return seconds * 1000;
}

/** What a production start may not be given. */
function productionRefusals(flags: PlatformFlags): string[] {
  const refusals: string[] = [];
  if (flags.dev) refusals.push('--dev: the development account is never seeded by a production start');
  if (flags.devKiosks.length > 0) refusals.push('--dev-kiosk: issue kiosk credentials with server/admin.ts instead');
  if (flags.testHooks) refusals.push('--test-hooks: test routes never run in production');
  return refusals;
}

export function listenPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port / PLATFORM_PORT: expected 0–65535, got "${text}"`);
  return port;
}

export function listenHost(text: string): string {
  if (!isIP(text)) throw new Error(`--host / PLATFORM_HOST: expected an IP address, got "${text}"`);
  return text;
}

/** An origin only (no path, query or credentials): every URL handed out is built from it. */
function publicUrlFrom(text: string | undefined, mode: PlatformMode): string | undefined {
  const name = PLATFORM_ENV.publicUrl;
  if (!text) {
    if (mode === 'serve') throw new Error(`${name}: required in production, e.g. https://teleconsultation.example.org`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name}: not a URL: "${text}"`);
  }
  if (url.protocol !== 'https:' && !(mode === 'dev' && url.protocol === 'http:'))
    throw new Error(
      `${name}: expected https://…${mode === 'dev' ? ' (or http:// in development)' : ''}, got "${text}"`,
    );
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    throw new Error(`${name}: expected an origin only (scheme, host, port), got "${text}"`);
  if (mode === 'serve' && isLoopbackHost(url.hostname))
    throw new Error(
      `${name}: "${url.hostname}" is this machine only: kiosks and doctors elsewhere could never reach it (nor open the prescription's QR); give the name they use, e.g. https://teleconsultation.example.org`,
    );
  return url.origin;
}

/**
 * localhost (and its subdomains, RFC 6761), 127.0.0.0/8, ::1, the unspecified addresses, and an
 * IPv4-mapped loopback: names every other machine resolves to itself, never to this platform.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.') || host === '0.0.0.0';
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^::ffff:(127\.|7f)/.test(host);
  return false;
}

/**
 * Production prescriptions are signed (issue 18 item 6): a start without the signing certificate
 * would issue unsigned PDFs, so it is refused; development may leave them unsigned.
 */
function requiredInProduction(signer: PdfSigner | null, mode: PlatformMode): PdfSigner | null {
  if (mode === 'serve' && signer === null)
    throw new Error(
      `${SIGNING_ENV.cert} and ${SIGNING_ENV.key}: required in production (the certificate and key, PEM, that sign the prescription PDFs)`,
    );
  return signer;
}

/** Both files or neither; checked now (readable, PEM, matching, in validity) so a bad one stops the start. */
function tlsFrom(env: NodeJS.ProcessEnv): TlsFiles | null {
  const certFile = env[PLATFORM_ENV.tlsCert] || undefined;
  const keyFile = env[PLATFORM_ENV.tlsKey] || undefined;
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile)
    throw new Error(
      `${PLATFORM_ENV.tlsCert} and ${PLATFORM_ENV.tlsKey}: set both (certificate chain and its key), or neither`,
    );
  const files = { certFile, keyFile };
  try {
    loadTlsFiles(files);
  } catch (error) {
    throw new Error(`${PLATFORM_ENV.tlsCert} / ${PLATFORM_ENV.tlsKey}: ${(error as Error).message}`);
  }
  return files;
}

/** Comma-separated IPs or CIDR blocks of the proxies; never "all" (any client could then claim any address). */
function trustProxyFrom(text: string | undefined): string[] {
  if (!text) return [];
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrBlock(entry));
  if (bad.length > 0)
    throw new Error(
      `${PLATFORM_ENV.trustProxy}: expected the proxies' IP addresses or CIDR blocks, comma-separated; not ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  return entries;
}

function isAddressOrBlock(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  // A /0 block trusts every address: the same as trusting all.
  return /^\d+$/.test(prefix) && bits >= 1 && bits <= (family === 4 ? 32 : 128);
}
