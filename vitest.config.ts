import { defineConfig } from 'vitest/config';

// One runner for every tier: unit (test/unit), medium over real databases (test/medium),
// mail over a real SMTP listener, and the browser suite (e2e/). Database-backed files each
// get their own SQLite file or PostgreSQL database, so files run in parallel safely.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
