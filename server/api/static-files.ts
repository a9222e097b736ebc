import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Route } from '../http-server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Serves a built single-page app (the doctor console, dist/console) under `prefix`: files as they
 * are, anything else the app's index.html (client-side routes). No path escapes the folder.
 */
export function staticApp(prefix: string, dir: string): Route {
  return (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === prefix.replace(/\/$/, '')) {
      res.writeHead(301, { location: prefix }).end();
      return true;
    }
    if (!url.pathname.startsWith(prefix)) return false;
    if (!existsSync(join(dir, 'index.html'))) {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The doctor console is not built: run `npm run build`.\n');
      return true;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      res.writeHead(400).end();
      return true;
    }
    const file = normalize(join(dir, relative));
    const inside = file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : join(dir, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target).pipe(res);
    return true;
  };
}
