import { describe, expect, it } from 'vitest';
import { lateResponsesBlockingPublish, publicReach, publiclyShownUnits, publishRefusal, reachWarning } from '../../src/shared/rounds/publishing';

describe('what publishing a round waits for and shows', () => {
  it('is blocked by every late response not yet admitted or excluded, and says so', () => {
    expect(lateResponsesBlockingPublish({ latePending: 0 })).toBe(0);
    expect(lateResponsesBlockingPublish({ latePending: 3 })).toBe(3);
    expect(publishRefusal({ latePending: 0 })).toBeNull();
    expect(publishRefusal({ latePending: 2 })).toBe('2 late responses need a decision (admit or exclude) before publishing');
  });

  it('shows the units with at least the minimum group of respondents, in their order', () => {
    const units = [
      { unitId: 'a', n: 12 },
      { unitId: 'b', n: 9 },
      { unitId: 'c', n: 10 },
    ];
    expect(publiclyShownUnits(units, 10).map((unit) => unit.unitId)).toEqual(['a', 'c']);
    expect(publicReach(units, 10)).toEqual({ shown: 2, total: 3 });
    expect(publicReach([], 10)).toEqual({ shown: 0, total: 0 });
  });

  it('warns when the public page would withhold some units or show none', () => {
    expect(reachWarning({ shown: 3, total: 3 })).toEqual({ kind: 'none' });
    expect(reachWarning({ shown: 0, total: 0 })).toEqual({ kind: 'none' });
    expect(reachWarning({ shown: 0, total: 4 })).toEqual({ kind: 'shows_nothing', total: 4 });
    expect(reachWarning({ shown: 1, total: 4 })).toEqual({ kind: 'withholds', withheld: 3, total: 4 });
  });
});
