import { z } from 'zod';
import type { ServerOptions } from './options.js';

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean));

const iceUrl = (scheme: RegExp, what: string) =>
  list.pipe(z.array(z.string().regex(scheme, `each ${what} URL must start with ${scheme.source.replace(/[\^\\()|?:]/g, '')}`)));

/** Server configuration from the environment, documented in the README. */
export const EnvConfig = z.object({
  ONCALL_PORT: z.coerce.number().int().min(0).max(65535).default(4400),
  ONCALL_HOST: z.string().min(1).default('127.0.0.1'),
  ONCALL_DATA_DIR: z.string().min(1).default('./data'),
  ONCALL_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'ONCALL_DATABASE_URL must be a PostgreSQL URL: postgres://user:password@host:5432/database')
    .optional(),
  ONCALL_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'ONCALL_REDIS_URL must be a Redis URL: redis://host:6379').optional(),
  ONCALL_WEB_ROOT: z.string().min(1).default('dist/web'),
  ONCALL_STUN_URLS: iceUrl(/^stuns?:/, 'STUN'),
  ONCALL_TURN_URLS: iceUrl(/^turns?:/, 'TURN'),
  ONCALL_TURN_SECRET: z.string().min(16, 'ONCALL_TURN_SECRET must be at least 16 characters').optional(),
  ONCALL_CORS_ORIGINS: list.pipe(z.array(z.url({ message: 'each CORS origin must be a URL like https://host:port' }))),
  ONCALL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type EnvConfig = z.infer<typeof EnvConfig>;

/** Parses the environment; on a problem returns readable lines instead of options. */
export function configFromEnv(env: NodeJS.ProcessEnv): { ok: true; options: ServerOptions } | { ok: false; problems: string[] } {
  const relevant = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('ONCALL_') && v !== ''));
  const parsed = EnvConfig.safeParse(relevant);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`) };
  }
  const c = parsed.data;
  if (c.ONCALL_TURN_URLS.length && !c.ONCALL_TURN_SECRET) {
    return { ok: false, problems: ['ONCALL_TURN_URLS is set but ONCALL_TURN_SECRET is not: TURN needs the shared secret.'] };
  }
  return {
    ok: true,
    options: {
      port: c.ONCALL_PORT,
      host: c.ONCALL_HOST,
      dataDir: c.ONCALL_DATA_DIR,
      ...(c.ONCALL_DATABASE_URL ? { databaseUrl: c.ONCALL_DATABASE_URL } : {}),
      ...(c.ONCALL_REDIS_URL ? { redisUrl: c.ONCALL_REDIS_URL } : {}),
      webRoot: c.ONCALL_WEB_ROOT,
      seedDemo: true,
      stunUrls: c.ONCALL_STUN_URLS,
      turnUrls: c.ONCALL_TURN_URLS,
      ...(c.ONCALL_TURN_SECRET ? { turnSecret: c.ONCALL_TURN_SECRET } : {}),
      corsOrigins: c.ONCALL_CORS_ORIGINS.map((o) => new URL(o).origin),
      logLevel: c.ONCALL_LOG_LEVEL,
    },
  };
}
