import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = {
  SMTP_URL: 'smtp://127.0.0.1:2525',
  SESSION_SECRET: 's'.repeat(32),
  RECEIPT_KEY: 'r'.repeat(32),
  DATA_DIR: '/tmp/candidat-config-test',
};

describe('configuration', () => {
  it('has documented defaults', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toEqual({
      dialect: 'sqlite',
      file: '/tmp/candidat-config-test/candidat.sqlite',
    });
    expect(config.stateBrand).toBe(true);
    expect(config.secure).toBe(false);
    expect(config.reminderOffsetsMs).toEqual([7 * 86_400_000, 86_400_000]);
    expect(config.retentionMonths).toBe(24);
  });

  it('reads reminder offsets in days and hours, or none', () => {
    expect(loadConfig({ ...base, REMINDER_OFFSETS: '3d,12h' }).reminderOffsetsMs).toEqual([
      3 * 86_400_000,
      12 * 3_600_000,
    ]);
    expect(loadConfig({ ...base, REMINDER_OFFSETS: 'none' }).reminderOffsetsMs).toEqual([]);
  });

  it('chooses PostgreSQL from DATABASE_URL and Secure cookies from an https PUBLIC_URL', () => {
    const config = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://u@db/candidat',
      PUBLIC_URL: 'https://inscriptions.exemple.fr',
    });
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgres://u@db/candidat' });
    expect(config.secure).toBe(true);
  });

  it.each([
    [{ PORT: 'http' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ STATE_BRAND: 'maybe' }, 'STATE_BRAND'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ RECEIPT_KEY: 'short' }, 'RECEIPT_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ REMINDER_OFFSETS: '7 jours' }, 'REMINDER_OFFSETS'],
    [{ RETENTION_MONTHS: '0' }, 'RETENTION_MONTHS'],
    [{ RETENTION_MONTHS: 'deux ans' }, 'RETENTION_MONTHS'],
  ])('stops on a wrong value, naming the variable: %j', (wrong, variable) => {
    expect(() => loadConfig({ ...base, ...wrong })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...wrong })).toThrow(
      new RegExp(`^Invalid configuration: ${variable} `),
    );
  });

  it('requires SMTP_URL and SESSION_SECRET to serve outside demo mode, not for maintenance commands', () => {
    expect(() => loadConfig({ SESSION_SECRET: 's'.repeat(32) })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://x' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://x', SESSION_SECRET: 's'.repeat(32) })).toThrow(
      /RECEIPT_KEY/,
    );
    expect(() => loadConfig({}, {}, { serve: false })).not.toThrow();
  });

  it('keeps a generated RECEIPT_KEY in DATA_DIR in demo mode, so printed codes survive a restart', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'candidat-config-'));
    try {
      const first = loadConfig({ DEMO: 'true', DATA_DIR: dataDir });
      expect(first.receiptKey.length).toBeGreaterThanOrEqual(32);
      expect(first.receiptKey).not.toBe(first.sessionSecret);
      expect(readFileSync(path.join(dataDir, 'demo-receipt-key'), 'utf8')).toBe(first.receiptKey);
      expect(loadConfig({ DEMO: 'true', DATA_DIR: dataDir }).receiptKey).toBe(first.receiptKey);
      expect(loadConfig({ ...base, DATA_DIR: dataDir }).receiptKey).toBe('r'.repeat(32));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
