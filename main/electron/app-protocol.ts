import { createHttpServer, type HttpApp } from '../../http/http-server';
import { serveSinglePageApp } from '../../http/single-page-app';
import { APP_HOST } from './app-origin';

/**
 * The kiosk:// handler: the built renderer from `root`, answered by the same server as the web
 * host's (the one static file server, the one CSP and security headers) run in memory through
 * Fastify's `inject`, with no socket. Only host "app" exists.
 */
export function createAppProtocolHandler(root: string, platformOrigins: readonly string[]) {
  let app: Promise<HttpApp> | undefined;
  const server = () =>
    (app ??= (async () => {
      const created = await createHttpServer({ name: 'kiosk:electron:protocol', connectTo: platformOrigins });
      await serveSinglePageApp(created, { root, prefix: '/', name: 'The kiosk screens' });
      await created.ready();
      return created;
    })());
  return async (request: { url: string; method?: string }): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const answer = await (
      await server()
    ).inject({ method: request.method === 'HEAD' ? 'HEAD' : 'GET', url: `${url.pathname}${url.search}` });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(new Uint8Array(answer.rawPayload), { status: answer.statusCode, headers });
  };
}
