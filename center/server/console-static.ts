import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:console` writes the console; `HUIFANG_CONSOLE_DIR` points elsewhere (an installed centre). */
export function defaultConsoleDir(): string {
  return process.env.HUIFANG_CONSOLE_DIR ?? fileURLToPath(new URL('../../out/console', import.meta.url));
}

/**
 * Serves the web console (console/) at /console/: its built files, and index.html for every other
 * /console/ path so a reload on a deep link works. `/` leads there. Without a build the console's
 * paths answer 503 with how to build it, rather than an empty page. The API's JSON envelopes and
 * helmet's CSP stay as they are: the console's scripts and its stylesheet come from this origin
 * (antd runs zero-runtime); helmet's default style-src ('self' 'unsafe-inline') allows the few
 * inline styles left.
 */
export async function registerConsole(app: FastifyInstance, dir = defaultConsoleDir()): Promise<void> {
  app.get('/', (_request, reply) => reply.redirect('/console/'));
  app.get('/console', (_request, reply) => reply.redirect('/console/'));
  if (!existsSync(path.join(dir, 'index.html'))) {
    const missing = `The web console is not built (no ${path.join(dir, 'index.html')}). Run: npm run build:console\n`;
    app.get('/console/*', (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send(missing));
    return;
  }
  await app.register(fastifyStatic, { root: dir, prefix: '/console/', wildcard: false, index: ['index.html'], cacheControl: false });
  app.get('/console/*', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', dir));
}
