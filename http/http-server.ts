import helmet from '@fastify/helmet';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerFactory,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import { createLogger } from '../common/util/logger';
import { contentSecurityPolicy } from './content-security-policy';
import { loadTlsFiles, type TlsFiles } from './tls-files';
import { InvalidInputError, zodValidatorCompiler, type ZodTypeProvider } from './zod-validation';

/** A Fastify instance whose routes declare zod schemas (see zod-validation.ts). */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpServerOptions {
  /** Names this server in the logs, e.g. `platform:http`. */
  name: string;
  /** Origins the served pages may connect to besides their own (the CSP's connect-src). */
  connectTo?: readonly string[];
  /** Largest request body in bytes; a route may set its own. Default 64 KiB: our requests are small. */
  bodyLimit?: number;
  /** Serve HTTPS with these PEM files, checked before use (see tls-files.ts); swap them with reloadTls. */
  tls?: TlsFiles | undefined;
  /**
   * Behind a reverse proxy: the proxy's address(es), whose X-Forwarded-For/-Proto are then believed
   * (client address for throttles, scheme). Never `true`: any client could claim any address.
   */
  trustProxy?: string | readonly string[] | undefined;
  /** Send Strict-Transport-Security (one year). On by itself with `tls`; set it when a proxy serves https. */
  hsts?: boolean | undefined;
}

/** One year, and the subdomains: the platform is only ever reached over https once it says so. */
const HSTS = { maxAge: 31_536_000, includeSubDomains: true } as const;

/** The JSON every refusal carries: a stable code for programs, a message for people. */
export interface ErrorBody {
  error: string;
  message: string;
  issues?: readonly { path: string; message: string }[];
}

/**
 * The HTTP server of every Node side (the platform, the kiosk's web host, the Electron kiosk://
 * protocol through `inject`): helmet's security headers with the one CSP on every response,
 * `Cache-Control: no-store` unless a route says otherwise (health data must not sit in caches),
 * request bodies validated by their zod schemas, refusals as `ErrorBody`, and no internal detail in
 * a 500. TLS from PEM files (reloadable), HSTS and a named reverse proxy are options of this one
 * call.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpApp> {
  const log = createLogger(options.name);
  const material = options.tls ? loadTlsFiles(options.tls) : null;
  if (material) log.info(`TLS certificate: ${material.summary}`);
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ? [options.trustProxy].flat() : false,
    // Fastify's types tie the instance to one server class; an https.Server serves the same handler.
    ...(material && { serverFactory: httpsFactory(material) }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  // Bodies are JSON only: a text/plain POST is what a foreign page can send without a CORS preflight.
  app.removeContentTypeParser('text/plain');
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.connectTo) },
    // frame-ancestors 'none' in the CSP; X-Frame-Options says the same to older browsers.
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: (options.hsts ?? material !== null) ? HSTS : false,
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'not-found', `no route for ${request.method}`));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = errorAnswer(error, request.routeOptions.bodyLimit ?? options.bodyLimit ?? 0);
    const where = `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
    if (answer.status >= 500) log.error(`${where}: ${error.message}`);
    else log.warn(`${where}: ${answer.status} ${answer.body.message}`);
    return reply.code(answer.status).send(answer.body);
  });
  return app;
}

function errorAnswer(error: FastifyError, bodyLimit: number): { status: number; body: ErrorBody } {
  if (error instanceof InvalidInputError)
    return { status: 400, body: { error: 'invalid-input', message: error.message, issues: error.issues } };
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: 'invalid-json', message: 'the body is not JSON' } };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: 'too-large', message: `the body exceeds ${bodyLimit} bytes` } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { error: 'unsupported-media-type', message: 'send application/json' } };
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, body: { error: 'too-many-requests', message: error.message } };
  // Fastify's own 4xx (bad URL, bad content length…) describe the request, never our internals.
  if (status >= 400 && status < 500) return { status, body: { error: 'bad-request', message: error.message } };
  return { status: 500, body: { error: 'internal-error', message: 'internal error' } };
}

/** Answers a refusal as `ErrorBody`. */
export function sendError(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).send({ error, message } satisfies ErrorBody);
}

/** Starts listening (loopback unless told otherwise) and resolves with the server's base URL. */
export async function listen(app: HttpApp, port: number, host = '127.0.0.1'): Promise<string> {
  await app.listen({ port, host });
  const address = app.server.address() as AddressInfo;
  const scheme = isTls(app) ? 'https' : 'http';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function httpsFactory(material: { cert: string; key: string }): FastifyServerFactory<RawServerDefault> {
  return (handler) => createHttpsServer({ cert: material.cert, key: material.key }, handler);
}

const isTls = (app: HttpApp) => (app.server as unknown) instanceof TlsServer;

/**
 * Swaps the certificate of a running HTTPS server (on SIGHUP, after a renewal): the new files are
 * checked first, and on any fault the old certificate stays and the error names the file.
 * Connections already open keep theirs; new ones get the new one. Returns the new summary.
 */
export function reloadTls(app: HttpApp, files: TlsFiles): string {
  if (!isTls(app)) throw new Error('this server was started without TLS: nothing to reload');
  const material = loadTlsFiles(files);
  (app.server as unknown as HttpsServer).setSecureContext({ cert: material.cert, key: material.key });
  return material.summary;
}
