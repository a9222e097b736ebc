import { z } from 'zod';
import { createLogger } from '../../common/util/logger';
import { sendError, type HttpApp } from '../../http/http-server';
import type { CallCenter } from '../calls/call-center';
import type { Clock } from '../../common/util/clock';
import { isSettable } from '../../common/util/test-clock';

const log = createLogger('platform:test-hooks');

/** Loopback addresses, as Node reports them (IPv4, IPv6, and IPv4-mapped IPv6). */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Test-only routes, mounted only when asked for (`--test-hooks`): `POST /api/test/drop-media`
 * makes the media server drop a peer's transports without telling it (the e2e of a dead media
 * path). They need no authentication, so they answer only requests from this machine.
 */
export function registerTestHooks(app: HttpApp, calls: Pick<CallCenter, 'dropMedia'>, clock?: Clock): void {
  log.warn('test hooks enabled (never in production)');
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/test/')) return;
    // Both the socket and, behind a trusted proxy, the client it forwards for: a proxy on this
    // machine must not open the hooks to the Internet.
    const from = [request.raw.socket.remoteAddress ?? '', request.ip].find((a) => !LOOPBACK.test(a));
    if (from !== undefined) {
      log.warn(`test hook refused to ${from}`);
      return sendError(reply, 403, 'forbidden', 'test hooks answer only this machine');
    }
  });
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
  // The platform's time (a settable clock: server/main.ts with --test-hooks), for the appointments' e2e.
  if (isSettable(clock))
    app.post('/api/test/clock', { schema: { body: z.object({ now: z.iso.datetime() }) } }, (request) => {
      clock.set(Date.parse(request.body.now));
      return { now: new Date(clock.now()).toISOString() };
    });
}
