import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import DeliberationMinutes, { type MinutesSignature } from '../../src/app/components/deliberation/DeliberationMinutes.vue';
import { sessionRecord } from '../../src/shared/deliberation/session';
import type { RecordData } from '../../src/shared/records';
import { adviser, sessionContent } from '../../scripts/harness/deliberation';
import { mountWith } from '../helpers/app/mount';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

const session = sessionRecord('0190f5f2-7d1a-7000-8000-00000000a001', sessionContent({ negativeListCaseId: 'case-17' }), { communityId: 'c-1', hostAdviserId: 'adviser-1' }, {
  ...adviser,
  createdAt: '2026-11-20T06:00:00.000Z',
  finalisedAt: '2026-11-20T07:40:00.000Z',
}).data as RecordData<'deliberation'>;

const signatures: MinutesSignature[] = [
  { id: 's1', role: 'attendee', name: '张三', signedAt: '2026-11-20T07:41:00.000Z', imageUrl: 'blob:one' },
  { id: 's2', role: 'attendee', signedAt: '2026-11-20T07:42:00.000Z', imageUrl: 'blob:two' },
  { id: 's3', role: 'attendee', name: '王五', signedAt: '2026-11-20T07:43:00.000Z' },
  { id: 'h', role: 'host', signedAt: '2026-11-20T07:45:00.000Z', imageUrl: 'blob:host' },
];

function mountMinutes(locale: 'zh-CN' | 'en' = 'zh-CN') {
  wrapper = mountWith(DeliberationMinutes, { locale, props: { session, communityName: '宁海路社区', hostName: '刘律师', signatures, photoUrls: ['blob:photo'] } });
  return wrapper;
}

describe('printable minutes', () => {
  it('show the session in full: community, time, host and co-hosts, topic, participants, opinions with the laws cited, follow-ups', () => {
    const w = mountMinutes();
    expect(w.get('h1').text()).toBe('援法议事会议纪要');
    const facts = Object.fromEntries(w.findAll('.facts dt').map((dt, index) => [dt.text(), w.findAll('.facts dd')[index]!.text()]));
    expect(facts).toMatchObject({
      社区: '宁海路社区',
      日期: '2026-11-20 14:00–15:30',
      地点: '社区议事厅',
      主持法律顾问: '刘律师；王法律明白人',
      议题类别: '物业管理：小区物业费调整',
    });
    expect(w.findAll('.participants span').map((span) => span.text())).toEqual(['居民 18：张三、李四', '物业公司 2', '其他（街道城管） 1', '共 21 人参加']);
    expect(w.get('.opinions').text()).toContain('《中华人民共和国民法典》第二百七十八条');
    expect(w.findAll('.follow-ups tbody tr').map((row) => row.findAll('td').map((td) => td.text()))).toEqual([
      ['筹备业主大会', '居委会', '2026-12-01'],
      ['公示物业费测算', '物业公司', '2026-11-25'],
    ]);
    expect(w.text()).toContain('关联负面评价清单：case-17');
  });

  it("show each attendee's signature image with a name (or a number) and the host's apart", () => {
    const w = mountMinutes();
    const [attendees, hosts] = w.findAll('.signatures ul');
    expect(attendees!.findAll('li').map((li) => [li.find('img').exists() ? li.get('img').attributes('src') : null, li.get('.name').text()])).toEqual([
      ['blob:one', '张三'],
      ['blob:two', '参会人 2'],
      [null, '王五'],
    ]);
    expect(attendees!.findAll('li')[2]!.get('.missing').text()).toBe('签名图片不在本机');
    expect(attendees!.get('img').attributes('alt')).toBe('张三已签名');
    expect(hosts!.findAll('li').map((li) => [li.get('img').attributes('src'), li.get('.name').text(), li.get('.when').text()])).toEqual([['blob:host', '刘律师', '签名时间 2026-11-20 07:45']]);
  });

  it('in English', () => {
    const w = mountMinutes('en');
    expect(w.get('h1').text()).toBe('Minutes of the legal deliberation session');
    expect(w.get('.opinions').text()).toContain('中华人民共和国民法典, 第二百七十八条');
  });
});
