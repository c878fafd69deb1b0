/**
 * The retention rule: RETENTION_MONTHS calendar months after a session's first exam day, to
 * the Paris midnight, short months clamped, whatever the daylight-saving time.
 */
import { describe, expect, it } from 'vitest';
import { addMonths, retentionCutoff } from '../../src/domain/personal-data/retention.js';

describe('retention', () => {
  it('adds calendar months, clamping to the end of a short month', () => {
    expect(addMonths('2025-06-10', 24)).toBe('2027-06-10');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('puts a session past retention from the Paris midnight of its anniversary, not a millisecond before', () => {
    // 10 June 2027 begins at 22:00 UTC on the 9th (summer time).
    expect(retentionCutoff(new Date('2027-06-09T21:59:59.999Z'), 24).cutoffDay).toBe('2025-06-09');
    expect(retentionCutoff(new Date('2027-06-09T22:00:00.000Z'), 24).cutoffDay).toBe('2025-06-10');
    // In winter Paris is UTC+1: 10 January 2027 begins at 23:00 UTC on the 9th.
    expect(retentionCutoff(new Date('2027-01-09T22:59:59.999Z'), 24).cutoffDay).toBe('2025-01-09');
    expect(retentionCutoff(new Date('2027-01-09T23:00:00.000Z'), 24).cutoffDay).toBe('2025-01-10');
  });

  it('counts every later day of a longer month on the last day of a short one', () => {
    // 28 February: 29, 30 and 31 January plus one month all land on or before it.
    expect(retentionCutoff(new Date('2025-02-28T12:00:00.000Z'), 1).cutoffDay).toBe('2025-01-31');
    expect(retentionCutoff(new Date('2025-02-27T12:00:00.000Z'), 1).cutoffDay).toBe('2025-01-27');
    expect(retentionCutoff(new Date('2025-03-30T12:00:00.000Z'), 1).cutoffDay).toBe('2025-02-28');
  });

  it('makes accounts and drafts count up to the end of the cutoff day, Paris time', () => {
    const { cutoffDay, before } = retentionCutoff(new Date('2027-06-10T08:00:00.000Z'), 24);
    expect(cutoffDay).toBe('2025-06-10');
    expect(before.toISOString()).toBe('2025-06-10T22:00:00.000Z');
  });
});
