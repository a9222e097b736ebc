import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { resolveInside } from '../web-host/static-files';
import { APP_HOST } from './app-origin';
import { appContentSecurityPolicy } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
};

/**
 * The kiosk:// handler: serves the built renderer from `root` with the app's CSP on every
 * response. Only host "app" exists; paths cannot escape `root`.
 */
export function createAppProtocolHandler(root: string, platformOrigins: readonly string[]) {
  const csp = appContentSecurityPolicy(platformOrigins);
  return async (request: { url: string }): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const path = resolveInside(root, url.pathname === '/' ? '/index.html' : url.pathname);
    if (path === null) return new Response('Bad path', { status: 400 });
    try {
      const body = await readFile(path);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': MIME[extname(path)] ?? 'application/octet-stream',
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
