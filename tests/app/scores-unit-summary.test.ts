import { describe, expect, it } from 'vitest';
import ScoresUnitSummary from '../../src/app/components/scores/ScoresUnitSummary.vue';
import { mountWith } from '../helpers/app/mount';
import { subdistrictScores } from '../helpers/app/scores';

describe('a unit’s summary', () => {
  const units = subdistrictScores('2026-H1').units;
  const deductionShown = (deduction: number) => {
    const [first] = units;
    if (!first) throw new Error('no fixture unit');
    const wrapper = mountWith(ScoresUnitSummary, { props: { unit: { ...first, parts: { ...first.parts, deduction } }, peers: units } });
    const shown = wrapper.findAll('dd').at(-1)?.text();
    wrapper.unmount();
    return shown;
  };

  it('shows no deduction as 0.0, never −0.0, and a real one with its minus sign', () => {
    expect(deductionShown(0)).toBe('0.0');
    expect(deductionShown(-0)).toBe('0.0');
    expect(deductionShown(0.04)).toBe('0.0');
    expect(deductionShown(1.5)).toBe('−1.5');
  });
});
