import { describe, expect, it } from 'vitest';
import {
  activationDeadline,
  canStillActivate,
  purgeCutoff,
} from '../../src/domain/accounts/account-rules.js';

const created = new Date('2024-10-26T22:30:00.000Z'); // Paris: 27 Oct 2024 00:30, the night of the DST change

describe('the 48 hours of activation', () => {
  it('are counted in real hours from creation, across the October DST change', () => {
    expect(activationDeadline(created).toISOString()).toBe('2024-10-28T22:30:00.000Z');
  });

  it('still allow activation at 47:59:59.999 and no longer at 48:00:00', () => {
    const at = (ms: number): Date => new Date(created.getTime() + ms);
    expect(canStillActivate(created, at(47 * 3600_000 + 59 * 60_000 + 59_000))).toBe(true);
    expect(canStillActivate(created, at(48 * 3600_000 - 1))).toBe(true);
    expect(canStillActivate(created, at(48 * 3600_000))).toBe(false);
  });

  it('make an account due for purge exactly when it can no longer be activated', () => {
    const now = new Date(created.getTime() + 48 * 3600_000);
    expect(purgeCutoff(now).getTime()).toBe(created.getTime());
    expect(purgeCutoff(new Date(now.getTime() - 1)).getTime()).toBeLessThan(created.getTime());
  });
});
