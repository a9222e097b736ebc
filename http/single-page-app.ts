import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { sendError, type HttpApp } from './http-server';

export interface SinglePageAppOptions {
  /** Folder of the build: index.html and its assets. */
  root: string;
  /** URL prefix ending in `/`: `/` for the kiosk screens, `/console/` for the doctor console. */
  prefix: string;
  /** What the build is, for the message when it is missing ("the doctor console"). */
  name: string;
  /** Rewrites index.html on each response (the web host writes its per-launch token into it). */
  transformIndex?(html: string): string;
}

/** Built assets have content-hashed names or ship with the build: an hour of caching is safe. */
const ASSET_MAX_AGE = '1h';

/**
 * The one static file server: a built single-page app under `prefix`. Files as they are (with
 * @fastify/static's MIME types and its refusal of paths leaving the folder), any path without an
 * extension the app's index.html (client-side routes, never cached), a missing asset 404, a path
 * with a `..` segment 400, only GET and HEAD; `npm run build` named when the build is absent.
 */
export async function serveSinglePageApp(app: HttpApp, options: SinglePageAppOptions): Promise<void> {
  const root = resolve(options.root);
  const indexFile = join(root, 'index.html');
  const notBuilt = (reply: FastifyReply) =>
    reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .send(`${options.name} is not built: run \`npm run build\` (looked in ${root}).\n`);
  const sendIndex = async (reply: FastifyReply) => {
    const html = await readFile(indexFile, 'utf8');
    return reply.type('text/html; charset=utf-8').send(options.transformIndex?.(html) ?? html);
  };

  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false, index: false, maxAge: ASSET_MAX_AGE });
    scope.get(options.prefix, async (_request, reply) => (existsSync(indexFile) ? sendIndex(reply) : notBuilt(reply)));
    scope.get<{ Params: { '*': string } }>(`${options.prefix}*`, async (request, reply) => {
      if (!existsSync(indexFile)) return notBuilt(reply);
      const path = request.params['*'];
      if (path.includes('\0') || path.split(/[\\/]/).includes('..'))
        return sendError(reply, 400, 'bad-path', 'the path leaves the app folder');
      return extname(path) === '' ? sendIndex(reply) : reply.sendFile(path);
    });
    if (options.prefix !== '/')
      scope.get(options.prefix.replace(/\/$/, ''), (_request, reply) => reply.redirect(options.prefix, 301));
    scope.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE'],
      url: `${options.prefix}*`,
      handler: (_request, reply) =>
        reply.code(405).header('allow', 'GET, HEAD').send({ error: 'method-not-allowed', message: 'GET or HEAD only' }),
    });
  });
}
