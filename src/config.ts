// The only reader of process.env. Every variable of the README's configuration table is validated here with zod;
// a bad value stops the process with a readable list instead of failing later at random.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { AgentHours } from './domain/agentHours';

export const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((value) => value === 'on' || value === 'true' || value === '1');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://…')
    .default('sqlite:data/local/oficina.sqlite3'),
  PUBLIC_URL: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must have at least 32 characters').optional()),
  SMS_GATEWAY_URL: optionalText.pipe(z.url().optional()),
  SMS_GATEWAY_TOKEN: optionalText,
  SMTP_URL: optionalText.pipe(z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()),
  MAIL_FROM: optionalText.pipe(z.email().optional()),
  WHATSAPP_WEBJS: onOff.default(false),
  WHATSAPP_CLOUD_TOKEN: optionalText,
  WHATSAPP_CLOUD_APP_SECRET: optionalText,
  WHATSAPP_CLOUD_VERIFY_TOKEN: optionalText,
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optionalText,
  WHATSAPP_CLOUD_API_URL: z.url().default('https://graph.facebook.com/v21.0'),
  AGENT_HOURS: z
    .string()
    .trim()
    .min(1)
    .default('mon-fri 07:00-19:00; sat 08:00-12:00')
    .superRefine((value, ctx) => AgentHours.validate(value).forEach((message) => ctx.addIssue({ code: 'custom', message }))),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  UPLOAD_DIR: z.string().trim().min(1).default('data/local/uploads'),
  CHROME_BIN: z.string().trim().min(1).default('/usr/bin/chromium'),
  WEBHOOK_URLS: optionalText.pipe(
    z
      .string()
      .transform((list) => list.split(',').map((u) => u.trim()).filter((u) => u !== ''))
      .pipe(z.array(z.url({ protocol: /^https?$/, message: 'cada URL debe ser http(s)://…' }).max(254, 'cada URL admite hasta 254 caracteres')))
      .optional(),
  ),
  WEBHOOK_SECRET: optionalText.pipe(z.string().min(16, 'must have at least 16 characters').optional()),
  EPS_NAME: z.string().trim().min(2).max(120).default('EPS Oficina Virtual'),
  EPS_NIT: z
    .string()
    .trim()
    .regex(/^\d{6,12}(-\d)?$/, 'must be a NIT such as 900123456-7')
    .default('900000000-0'),
  // Approved WhatsApp templates for notices outside the 24-hour window (README lists their parameters).
  WHATSAPP_CLOUD_TEMPLATE_REQUEST_APPROVED: optionalText,
  WHATSAPP_CLOUD_TEMPLATE_REQUEST_REJECTED: optionalText,
  WHATSAPP_CLOUD_TEMPLATE_SUPPORTS_REQUESTED: optionalText,
  WHATSAPP_CLOUD_TEMPLATE_PQRDS_ANSWERED: optionalText,
  WHATSAPP_CLOUD_TEMPLATE_LANG: z.string().trim().regex(/^[a-z]{2}(_[A-Z]{2})?$/, 'must be a language code such as es or es_CO').default('es'),
  HOST: optionalText.pipe(z.string().refine((v) => isIP(v) !== 0 || v === 'localhost', 'must be an IP address (127.0.0.1, 0.0.0.0, ::) or localhost').optional()),
  TRUST_PROXY: optionalText,
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

/** Which proxies' X-Forwarded-For is believed: none, the last `hops` proxies, or proxies at these addresses. */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

/** `2` → two hops; `10.0.0.1, 10.1.0.0/16` → those proxies; unset, `0`, `false`, `off` → trust none. */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === '0' || text === 'false' || text === 'off') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? { kind: 'hops', hops } : 'TRUST_PROXY: a lo sumo 10 saltos';
  }
  if (text === 'true' || text === 'on') {
    return 'TRUST_PROXY: "true" creería a cualquiera que envíe X-Forwarded-For; indica el número de proxies o sus direcciones';
  }
  const addresses = text.split(',').map((a) => a.trim()).filter(Boolean);
  const bad = addresses.filter((a) => {
    const [ip, bits, extra] = a.split('/');
    if (extra !== undefined || isIP(ip ?? '') === 0) return true;
    if (bits === undefined) return false;
    return !/^\d{1,3}$/.test(bits) || Number(bits) > (isIP(ip!) === 4 ? 32 : 128);
  });
  return bad.length > 0 ? `TRUST_PROXY: direcciones no válidas: ${bad.join(', ')}` : { kind: 'addresses', addresses };
}

export interface Config {
  port: number;
  databaseUrl: string;
  publicUrl: string;
  env: 'development' | 'production' | 'test';
  sessionSecret: string;
  /** True when SESSION_SECRET was not given and a random one was made for this start. */
  sessionSecretIsEphemeral: boolean;
  sms: { gatewayUrl?: string; gatewayToken?: string };
  mail: { smtpUrl?: string; from: string };
  whatsappWebJs: { enabled: boolean; chromeBin: string; sessionDir: string };
  whatsappCloud?: { token: string; appSecret: string; verifyToken: string; phoneNumberId: string; apiUrl: string };
  agentHours: string;
  botFramework: { appId?: string; appPassword?: string };
  uploadDir: string;
  /** Signed event notifications to the EPS's systems; unset when WEBHOOK_URLS is. */
  webhooks?: { urls: string[]; secret: string };
  /** The EPS named on certificates, authorizations and legal texts. */
  eps: { name: string; nit: string };
  /** Template names per notice kind (unset: that notice waits for the user's next message). */
  whatsappTemplates: { names: Partial<Record<'request_approved' | 'request_rejected' | 'supports_requested' | 'pqrds_answered', string>>; language: string };
  /** Address to listen on: loopback in development and test, every interface in production. */
  host: string;
  trustProxy: TrustProxy;
  /** Days that conversation history kept for agents is stored before the purge deletes it. */
  retentionDays: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuración inválida:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const CLOUD_VARIABLES = [
  'WHATSAPP_CLOUD_TOKEN',
  'WHATSAPP_CLOUD_APP_SECRET',
  'WHATSAPP_CLOUD_VERIFY_TOKEN',
  'WHATSAPP_CLOUD_PHONE_NUMBER_ID',
] as const;

function resolveFromRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.join(PROJECT_ROOT, p);
}

/** Parses and checks the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  const cloudSet = CLOUD_VARIABLES.filter((name) => e[name] !== undefined);
  if (cloudSet.length > 0 && cloudSet.length < CLOUD_VARIABLES.length) {
    const missing = CLOUD_VARIABLES.filter((name) => e[name] === undefined);
    problems.push(`WhatsApp Cloud API: faltan ${missing.join(', ')} (se necesitan las cuatro o ninguna)`);
  }
  if ((e.SMS_GATEWAY_URL === undefined) !== (e.SMS_GATEWAY_TOKEN === undefined)) {
    problems.push('SMS_GATEWAY_URL y SMS_GATEWAY_TOKEN van juntos');
  }
  if (e.NODE_ENV === 'production') {
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET es obligatorio en producción');
    if (!e.SMS_GATEWAY_URL) problems.push('SMS_GATEWAY_URL es obligatorio en producción (el driver de desarrollo no envía SMS)');
    if (!e.MicrosoftAppId || !e.MicrosoftAppPassword) {
      problems.push('MicrosoftAppId y MicrosoftAppPassword son obligatorios en producción (/api/messages quedaría abierto)');
    }
    if (!e.PUBLIC_URL?.startsWith('https://')) problems.push('PUBLIC_URL debe ser https:// en producción');
  }
  const webhookUrls = e.WEBHOOK_URLS ?? [];
  if (webhookUrls.length > 0 && !e.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET es obligatorio cuando WEBHOOK_URLS tiene direcciones');
  if (e.NODE_ENV === 'production' && webhookUrls.some((u) => !u.startsWith('https://'))) {
    problems.push('WEBHOOK_URLS deben ser https:// en producción');
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (typeof trustProxy === 'string') problems.push(trustProxy);
  if (problems.length > 0) throw new ConfigError(problems);

  const dbUrl = e.DATABASE_URL.startsWith('sqlite:')
    ? `sqlite:${resolveFromRoot(e.DATABASE_URL.slice('sqlite:'.length))}`
    : e.DATABASE_URL;

  return {
    port: e.PORT,
    databaseUrl: dbUrl,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    env: e.NODE_ENV,
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionSecretIsEphemeral: !e.SESSION_SECRET,
    sms: { gatewayUrl: e.SMS_GATEWAY_URL, gatewayToken: e.SMS_GATEWAY_TOKEN },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? 'oficina-virtual@localhost' },
    whatsappWebJs: {
      enabled: e.WHATSAPP_WEBJS,
      chromeBin: e.CHROME_BIN,
      sessionDir: resolveFromRoot('data/local/wwebjs'),
    },
    whatsappCloud:
      cloudSet.length === CLOUD_VARIABLES.length
        ? {
            token: e.WHATSAPP_CLOUD_TOKEN!,
            appSecret: e.WHATSAPP_CLOUD_APP_SECRET!,
            verifyToken: e.WHATSAPP_CLOUD_VERIFY_TOKEN!,
            phoneNumberId: e.WHATSAPP_CLOUD_PHONE_NUMBER_ID!,
            apiUrl: e.WHATSAPP_CLOUD_API_URL.replace(/\/+$/, ''),
          }
        : undefined,
    agentHours: e.AGENT_HOURS,
    botFramework: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword },
    uploadDir: resolveFromRoot(e.UPLOAD_DIR),
    webhooks: webhookUrls.length > 0 && e.WEBHOOK_SECRET ? { urls: webhookUrls, secret: e.WEBHOOK_SECRET } : undefined,
    eps: { name: e.EPS_NAME, nit: e.EPS_NIT },
    whatsappTemplates: {
      names: {
        request_approved: e.WHATSAPP_CLOUD_TEMPLATE_REQUEST_APPROVED,
        request_rejected: e.WHATSAPP_CLOUD_TEMPLATE_REQUEST_REJECTED,
        supports_requested: e.WHATSAPP_CLOUD_TEMPLATE_SUPPORTS_REQUESTED,
        pqrds_answered: e.WHATSAPP_CLOUD_TEMPLATE_PQRDS_ANSWERED,
      },
      language: e.WHATSAPP_CLOUD_TEMPLATE_LANG,
    },
    // Development serves demo accounts, /dev/outbox and an open /api/messages: only this machine may reach them.
    host: e.HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    trustProxy: trustProxy as TrustProxy,
    retentionDays: e.RETENTION_DAYS,
  };
}
