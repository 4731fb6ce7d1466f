import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../../src/app/components/scores/csv';
import { rankingTable } from '../../src/app/components/scores/tables';
import { createAppI18n } from '../../src/app/i18n';
import { subdistrictScores } from '../helpers/app/scores';

/** Issue 25 item 17: a chart's CSV is for a spreadsheet: numbers as numbers, an interval's bounds in two columns. */
describe('the CSV of a score table', () => {
  it('writes n without thousands separators, the score rounded as shown and at full precision, and the interval as two numeric bounds', () => {
    const units = subdistrictScores('2025-H2').units.map((unit, index) => (index === 0 ? { ...unit, n: 2610, score: 97.2345, ciLow: 96.5123, ciHigh: 97.9567 } : unit));
    const { global } = createAppI18n('zh-CN');
    const t = (key: string, values?: Record<string, unknown>) => global.t(key, values ?? {});
    const csv = tableToCsv(rankingTable(units, 'zh-CN', t));
    const [header, first] = Papa.parse<string[]>(csv.slice(1)).data;
    expect(header).toEqual(['排名区间', '街道', '得分', '得分（完整精度）', '95% 区间下限', '95% 区间上限', '样本量', '设计效应', '有效样本量', '负面清单扣分', '离群']);
    expect(first!.slice(2, 7)).toEqual(['97.2', '97.2345', '96.5123', '97.9567', '2610']);
    expect(csv).not.toContain('2,610');
    expect(csv).not.toContain('[');
  });
});
