import { describe, expect, it } from 'vitest';
import { referenceSubdistricts, roundDates, roundIdSchema } from '../../src/shared/organisation';

describe('organisation reference data', () => {
  it('has the 13 sub-districts with stable ids and both languages', () => {
    expect(referenceSubdistricts).toHaveLength(13);
    expect(referenceSubdistricts[0]).toEqual({ id: 'yijiangmen', nameZh: '挹江门街道', nameEn: 'Yijiangmen' });
    expect(new Set(referenceSubdistricts.map((s) => s.id)).size).toBe(13);
  });

  it('knows the dates of a half-year round from its id', () => {
    expect(roundDates('2026-H1')).toEqual({ startsOn: '2026-01-01', endsOn: '2026-06-30' });
    expect(roundDates('2026-H2')).toEqual({ startsOn: '2026-07-01', endsOn: '2026-12-31' });
    expect(roundIdSchema.safeParse('2026-Q1').success).toBe(false);
    expect(() => roundDates('2026')).toThrow();
  });
});
