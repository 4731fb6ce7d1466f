import { describe, expect, it } from 'vitest';
import { compareVersions, deviceWarnings } from '../../src/shared/devices';

describe('device warnings', () => {
  it('orders versions by their numbers, not as text', () => {
    expect(compareVersions('0.10.0', '0.9.3')).toBe(1);
    expect(compareVersions('1.2.0', '1.2.0')).toBe(0);
    expect(compareVersions('1.2', '1.2.1')).toBe(-1);
    expect(compareVersions('2.0.0-beta', '1.9.9')).toBe(1);
  });

  it('warns only past a full day of waiting', () => {
    const now = new Date('2026-04-10T10:00:00.000Z');
    const base = { appVersion: '1.0.0', persistentStorage: null, refused: 0 };
    expect(deviceWarnings({ ...base, oldestUnsentAt: '2026-04-09T10:00:00.000Z' }, now, '1.0.0')).toEqual([]);
    expect(deviceWarnings({ ...base, oldestUnsentAt: '2026-04-09T09:59:59.000Z' }, now, '1.0.0')).toEqual(['unsent_over_a_day']);
    // A browser that cannot tell whether storage persists is not warned about.
    expect(deviceWarnings({ ...base, oldestUnsentAt: null, appVersion: '0.9.0' }, now, '1.0.0')).toEqual(['old_app_version']);
  });
});
