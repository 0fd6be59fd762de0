import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'oncall-signaling' },
    // Tokens and passwords never reach the logs, whatever a handler logs by mistake.
    redact: { paths: ['token', 'password', 'auth.token', 'req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
  });
}
