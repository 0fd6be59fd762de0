import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * What the product runs installs cleanly on the oldest Node that package.json allows: every
 * runtime package in the lockfile accepts that Node (so `npm ci` prints no EBADENGINE for them).
 * Two of them are held back by package.json "overrides" to their CommonJS, Node-18+ majors; the
 * code paths that use them still work.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }>;
};

describe('runtime dependencies on the oldest supported Node', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  it(`every package the product runs accepts Node ${oldest} (package.json engines: ${pkg.engines.node})`, () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev)
      .flatMap(([path, entry]) => {
        const range = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
        return range && !semver.satisfies(oldest, range) ? [`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });

  it('@fastify/static still writes Content-Disposition (content-disposition 2, overridden)', async () => {
    const app = Fastify();
    await app.register(fastifyStatic, { root: join(root, 'assets'), serve: false });
    app.get('/download', (_req, reply) => reply.download('icon.svg', 'Ärztebrief.svg'));
    const res = await app.inject({ url: '/download' });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="?rztebrief.svg"; filename*=UTF-8''%C3%84rztebrief.svg`);
  });

  it("fastify's inject still sends cookies (light-my-request with cookie 1, overridden)", async () => {
    const app = Fastify();
    app.get('/cookie', (req, reply) => reply.send(req.headers.cookie ?? ''));
    const res = await app.inject({ url: '/cookie', cookies: { session: 'a b', lang: 'en' } });
    await app.close();
    expect(res.body).toBe('session=a%20b; lang=en');
  });
});
