import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.ico': 'image/x-icon',
};

/**
 * Same policy as the Electron shell's CSP: scripts and styles from the app only, connections to
 * the app and the platform (signalling + media). `media-src blob:` for the call's streams.
 */
export function contentSecurityPolicy(platformOrigins: readonly string[]): string {
  const connect = ["'self'", ...platformOrigins].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src ${connect}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Resolves a URL path inside `root`, or null when it would escape it (`..`, absolute tricks). */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  transformIndex: (html: string) => string,
  csp: string,
): Promise<void> {
  const target = resolveInside(root, urlPath);
  if (target === null) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad path');
    return;
  }
  // The renderer is a single-page app: any path without a file extension is the app itself.
  const isAsset = extname(target) !== '';
  const file = isAsset ? target : join(root, 'index.html');
  try {
    const body = await readFile(file);
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const headers = {
      'content-type': type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    };
    res.writeHead(200, headers);
    res.end(file.endsWith('index.html') ? transformIndex(body.toString('utf8')) : body);
  } catch {
    const missingApp = !isAsset;
    res
      .writeHead(missingApp ? 503 : 404, { 'content-type': 'text/plain; charset=utf-8' })
      .end(missingApp ? `The kiosk screens are not built: run "npm run build" (looked in ${root})` : 'Not found');
  }
}
