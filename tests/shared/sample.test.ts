import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawCommunity, drawKey } from '../../src/shared/sample/draw';
import { countDispositions, responseRates, type FinalDisposition } from '../../src/shared/sample/rates';

/** The draw as anyone would redo it from the register export and the seed, with Node's own SHA-256. */
function redraw(seed: string, communityId: string, frame: readonly string[]): string[] {
  const key = (householdId: string) => createHash('sha256').update(`${seed}:${communityId}:${householdId}`, 'utf8').digest('hex');
  return [...frame].sort((a, b) => key(a).localeCompare(key(b)));
}

const frame = Array.from({ length: 40 }, (_, index) => `yijiangmen-c01-h${String(index + 1).padStart(3, '0')}`);

describe('the sample draw (SCORING.md, Sample)', () => {
  it('keys a door by the hex SHA-256 of seed:communityId:householdId', () => {
    expect(drawKey('20260101', 'yijiangmen-c01', 'h-1')).toBe(createHash('sha256').update('20260101:yijiangmen-c01:h-1').digest('hex'));
    // UTF-8, so a seed in Chinese (e.g. a lottery's name) draws the same everywhere.
    expect(drawKey('福彩3D 2026001', 'c', '一栋')).toBe(createHash('sha256').update('福彩3D 2026001:c:一栋', 'utf8').digest('hex'));
  });

  it('takes the first doors in key order up to the quotas as the sample, and the rest in order as reserves', () => {
    const drawn = drawCommunity('20260101', 'yijiangmen-c01', frame, 12);
    const expected = redraw('20260101', 'yijiangmen-c01', frame);
    expect(drawn.sample).toEqual(expected.slice(0, 12));
    expect(drawn.reserves).toEqual(expected.slice(12));
    expect(new Set([...drawn.sample, ...drawn.reserves])).toEqual(new Set(frame));
  });

  it('does not depend on the order the register lists its doors in, and changes with the seed or the community', () => {
    const drawn = drawCommunity('20260101', 'yijiangmen-c01', frame, 12);
    expect(drawCommunity('20260101', 'yijiangmen-c01', [...frame].reverse(), 12)).toEqual(drawn);
    expect(drawCommunity('20260102', 'yijiangmen-c01', frame, 12).sample).not.toEqual(drawn.sample);
    expect(drawCommunity('20260101', 'yijiangmen-c02', frame, 12).sample).not.toEqual(drawn.sample);
  });

  it('samples every door of a frame smaller than the quotas, with no reserves, and refuses a bad size or a door listed twice', () => {
    expect(drawCommunity('s', 'c', ['a', 'b'], 5)).toEqual({ communityId: 'c', sample: redraw('s', 'c', ['a', 'b']), reserves: [] });
    expect(drawCommunity('s', 'c', [], 3)).toEqual({ communityId: 'c', sample: [], reserves: [] });
    expect(() => drawCommunity('s', 'c', ['a'], -1)).toThrow(RangeError);
    expect(() => drawCommunity('s', 'c', ['a'], 1.5)).toThrow(RangeError);
    expect(() => drawCommunity('s', 'c', ['a', 'a'], 1)).toThrow(/twice/);
  });
});

describe('response rates (SCORING.md, Final dispositions and response rates)', () => {
  it('reproduces the worked example: 10 released doors, 4 I, 1 P, 1 R, 2 NC, 1 UH, 1 NE', () => {
    const codes: FinalDisposition[] = ['I', 'I', 'I', 'I', 'P', 'R', 'NC', 'NC', 'UH', 'NE'];
    const counts = countDispositions(codes);
    expect(counts).toEqual({ I: 4, P: 1, R: 1, NC: 2, O: 0, UH: 1, NE: 1 });
    const rates = responseRates(counts);
    expect(rates.e).toBeCloseTo(0.8889, 4);
    expect(rates.RR1).toBeCloseTo(0.4444, 4);
    expect(rates.RR3).toBeCloseTo(0.45, 4);
    expect(rates.COOP1).toBeCloseTo(0.6667, 4);
    expect(rates.REF1).toBeCloseTo(0.1111, 4);
    expect(rates.CON1).toBeCloseTo(0.6667, 4);
  });

  it('counts an unknown-eligibility door as eligible in the share e says, and has no rate where no door is counted', () => {
    // Every door of known eligibility is eligible: RR3 treats the unknown doors as eligible too.
    const allEligible = responseRates({ I: 3, P: 0, R: 1, NC: 0, O: 0, UH: 2, NE: 0 });
    expect(allEligible.e).toBe(1);
    expect(allEligible.RR3).toBe(allEligible.RR1);
    // None eligible: the unknown doors count for nothing in RR3.
    expect(responseRates({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 2, NE: 3 })).toMatchObject({ e: 0, RR1: 0, RR3: null, COOP1: null });
    expect(responseRates({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, NE: 0 })).toEqual({ e: null, RR1: null, RR3: null, COOP1: null, REF1: null, CON1: null });
  });
});
