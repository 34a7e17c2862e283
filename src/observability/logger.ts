// Structured JSON logs without personal or health data (see README, "Security").
// Callers pass only technical fields; as a safety net, keys that usually carry personal data are dropped
// and long free text is cut, so a careless call cannot leak a message body or a document number.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

const FORBIDDEN_KEYS =
  /^(text|body|message|phone|mobile|msisdn|to|from|document|documentnumber|number|name|fullname|firstname|lastname|password|pass|secret|token|code|otp|email|address|filename|file|content|data|bindings|sql)$/i;

function sanitize(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (FORBIDDEN_KEYS.test(key)) {
      out[key] = '[redacted]';
      continue;
    }
    if (value instanceof Error) {
      // Error messages from drivers may embed bindings; keep the class and code, not the text.
      const code = (value as { code?: unknown }).code;
      out[key] = { name: value.name, code: typeof code === 'string' ? code : undefined };
      continue;
    }
    if (typeof value === 'string' && value.length > 120) {
      out[key] = `${value.slice(0, 60)}…`;
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** The pseudonym key for a SESSION_SECRET: derived (HKDF), so the secret itself never keys log hashes. */
export function derivePseudonymKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'oficina-virtual', 'log pseudonyms', 32));
}

// Never a constant: a phone number has about 10^10 values, so a hash with a known key is reversed in
// seconds. Until the app configures it from SESSION_SECRET, each process uses a random key of its own.
let pseudonymKey: Buffer = randomBytes(32);

/** Called once by the app with SESSION_SECRET, so pseudonyms stay stable across restarts and instances. */
export function configurePseudonymKey(sessionSecret: string): void {
  pseudonymKey = derivePseudonymKey(sessionSecret);
}

/** A keyed, non-reversible reference to a personal identifier (HMAC-SHA256), for correlating log lines. */
export function pseudonym(value: string, key: Buffer = pseudonymKey): string {
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 12);
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogSink {
  write(line: string): void;
}

export function createLogger(options: { level?: LogLevel; sink?: LogSink; bindings?: LogFields } = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const sink = options.sink ?? { write: (line: string) => process.stdout.write(`${line}\n`) };
  const bindings = options.bindings ?? {};
  const emit = (level: LogLevel, event: string, fields: LogFields = {}) => {
    if (LEVELS[level] < threshold) return;
    sink.write(JSON.stringify({ time: new Date().toISOString(), level, event, ...sanitize(bindings), ...sanitize(fields) }));
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (more) => createLogger({ ...options, bindings: { ...bindings, ...more } }),
  };
}

/** A logger that keeps lines in memory, for tests that assert what was (not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: { write: (line) => lines.push(line) } });
  return Object.assign(logger, { lines });
}

export const silentLogger: Logger = createLogger({ sink: { write: () => undefined } });
