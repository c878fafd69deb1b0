/**
 * What every refusal of bad input must look like to the person who gets it: a French DSFR
 * page (lang="fr") with the words that say what went wrong, no internal detail (stack frame,
 * error name, database, SQL, file path), and the pages' security headers.
 */
import { expect } from 'vitest';
import type { Page } from './test-browser.js';

/** What an error page must never show: a stack frame, an error name, the database. */
export const INTERNAL_DETAIL = /at .*\.ts:|Error:|kysely|sqlite|postgres/i;

/** SQL, server paths and stack frames' « (file:line:column) », case-sensitive (the pages' own `<select>` is lower case). */
const SERVER_DETAIL =
  /\bSELECT\b[^<]*\bFROM\b|\bINSERT INTO\b|\bUPDATE\s+"?\w+"?\s+SET\b|node_modules|\/(?:work|tmp|home|usr|var)\/\w|\(\S+\.(?:ts|tsx|js|mjs|cjs):\d+:\d+\)/;

/** A French page with `texts` in its main text, no internal detail, the security headers. */
export function expectFrenchPage(page: Page, ...texts: string[]): void {
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.html.querySelector('html')?.getAttribute('lang')).toBe('fr');
  for (const text of texts) expect(page.text).toContain(text);
  expect(page.body).not.toMatch(INTERNAL_DETAIL);
  expect(page.body).not.toMatch(SERVER_DETAIL);
  const csp = String(page.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(page.headers['x-content-type-options']).toBe('nosniff');
  expect(page.headers['x-frame-options']).toBe('DENY');
}

/** A refusal: the status (a 4xx), and a French page as `expectFrenchPage` says. */
export function expectRefusal(page: Page, status: number, ...texts: string[]): void {
  expect(page.status).toBe(status);
  expect(page.status).toBeGreaterThanOrEqual(400);
  expect(page.status).toBeLessThan(500);
  expectFrenchPage(page, ...texts);
}
