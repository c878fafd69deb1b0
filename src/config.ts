/**
 * Configuration comes from environment variables only, validated once at start. A wrong value
 * stops the start with a message naming the variable, so a typo never becomes a silent default.
 * Every variable is documented in the README with its default.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export type DatabaseLocation =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Config {
  host: string;
  port: number;
  publicUrl: URL;
  /** True when PUBLIC_URL is https: cookies get Secure and responses HSTS. */
  secure: boolean;
  dataDir: string;
  database: DatabaseLocation;
  sessionSecret: string;
  /** Signs the verification codes of the récapitulatifs (HMAC-SHA256), the same on every node. */
  receiptKey: string;
  /**
   * Seals the staff's TOTP secrets (AES-256-GCM, key derived by HKDF). Optional: without it
   * the key is derived from SESSION_SECRET, so changing that secret voids every TOTP setup.
   */
  totpKey: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  stateBrand: boolean;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  jobIntervalMs: number;
  /** Reminders to incomplete files, as offsets before the close (ms). */
  reminderOffsetsMs: number[];
  /** Where uploaded supporting documents are stored (`UPLOAD_DIR`, default `$DATA_DIR/uploads`). */
  uploadDir: string;
  /** Largest uploaded file accepted, in bytes. */
  maxUploadBytes: number;
  /**
   * A stored file no row points to is deleted once it is older than this
   * (`ORPHAN_GRACE_SECONDS`): long enough that an upload in progress is never swept.
   */
  orphanGraceMs: number;
  /**
   * How long a candidate's data is kept, in months after the first exam day of the latest
   * session they registered for (`RETENTION_MONTHS`): past it the office may delete it.
   */
  retentionMonths: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));

const schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite:|postgres:\/\/|postgresql:\/\/)/,
      'must start with sqlite:, postgres:// or postgresql://',
    )
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  RECEIPT_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  TOTP_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Candidat <no-reply@candidat.invalid>'),
  STATE_BRAND: booleanText.default(true),
  DEMO: booleanText.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanText.default(false),
  JOB_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  REMINDER_OFFSETS: z
    .string()
    .regex(
      /^(none|\d{1,3}[dh](,\d{1,3}[dh])*)$/,
      'must be a comma-separated list like 7d,1d or 12h, or none',
    )
    .default('7d,1d'),
  UPLOAD_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  ORPHAN_GRACE_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3600),
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(1200).default(24),
});

/**
 * Reads the configuration from `env`. `overrides` are what the command line says (e.g.
 * `--demo`), applied before validation so they obey the same rules.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  overrides: Partial<Record<keyof z.input<typeof schema>, string>> = {},
  { serve = true }: { serve?: boolean } = {},
): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = overrides[key as keyof typeof overrides] ?? env[key];
    raw[key] = value === '' ? undefined : value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'configuration');
    throw new ConfigError(
      variable,
      `(${JSON.stringify(raw[variable] ?? null)}): ${issue?.message ?? 'invalid'}`,
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  const secure = publicUrl.protocol === 'https:';

  // Only a serving process sends mail and signs cookies; `migrate` or `purge-accounts` need neither.
  if (serve && !e.DEMO && !e.SMTP_URL) {
    throw new ConfigError(
      'SMTP_URL',
      'is required outside demo mode: without it no mail would ever leave',
    );
  }
  let sessionSecret = e.SESSION_SECRET;
  if (!sessionSecret) {
    if (serve && !e.DEMO) {
      throw new ConfigError(
        'SESSION_SECRET',
        'is required outside demo mode (32 characters or more, the same on every node)',
      );
    }
    sessionSecret = e.DEMO ? demoSecret(dataDir) : randomBytes(32).toString('base64url');
  }
  let receiptKey = e.RECEIPT_KEY;
  if (!receiptKey) {
    if (serve && !e.DEMO) {
      throw new ConfigError(
        'RECEIPT_KEY',
        'is required outside demo mode (32 characters or more, the same on every node, kept: changing it invalidates every printed verification code)',
      );
    }
    receiptKey = e.DEMO
      ? demoSecret(dataDir, 'demo-receipt-key')
      : randomBytes(32).toString('base64url');
  }

  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    secure,
    dataDir,
    database: databaseLocation(e.DATABASE_URL, dataDir),
    sessionSecret,
    receiptKey,
    totpKey: e.TOTP_KEY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    stateBrand: e.STATE_BRAND,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    jobIntervalMs: e.JOB_INTERVAL_SECONDS * 1000,
    reminderOffsetsMs: e.REMINDER_OFFSETS.split(',')
      .filter((o) => o !== 'none')
      .map((o) => Number(o.slice(0, -1)) * (o.endsWith('d') ? 86_400_000 : 3_600_000)),
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    maxUploadBytes: e.UPLOAD_MAX_BYTES,
    orphanGraceMs: e.ORPHAN_GRACE_SECONDS * 1000,
    retentionMonths: e.RETENTION_MONTHS,
  };
}

function databaseLocation(url: string | undefined, dataDir: string): DatabaseLocation {
  if (!url) return { dialect: 'sqlite', file: path.join(dataDir, 'candidat.sqlite') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file)
      throw new ConfigError('DATABASE_URL', 'names no SQLite file (sqlite:./data/candidat.sqlite)');
    return { dialect: 'sqlite', file: path.resolve(file) };
  }
  return { dialect: 'postgres', url };
}

/** Demo mode keeps a generated secret in the data folder so sessions survive a restart. */
function demoSecret(dataDir: string, name = 'demo-session-secret'): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
