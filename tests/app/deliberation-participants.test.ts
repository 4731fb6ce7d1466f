import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import DeliberationParticipantsEditor from '../../src/app/components/deliberation/DeliberationParticipantsEditor.vue';
import type { SessionContent } from '../../src/shared/deliberation/content';
import { mountWith } from '../helpers/app/mount';

type Groups = SessionContent['participants'];
type EditorWrapper = VueWrapper<InstanceType<typeof DeliberationParticipantsEditor>>;
let wrapper: EditorWrapper | undefined;
afterEach(() => wrapper?.unmount());

function mountEditor(initial: Groups = [], locale: 'zh-CN' | 'en' = 'zh-CN'): EditorWrapper {
  const mounted: EditorWrapper = mountWith(DeliberationParticipantsEditor, {
    locale,
    props: { modelValue: initial, 'onUpdate:modelValue': (value: Groups) => void mounted.setProps({ modelValue: value }) },
  });
  wrapper = mounted;
  return mounted;
}

const input = (w: EditorWrapper, label: string) => {
  const labelled = w.findAll('label').find((l) => l.text() === label);
  if (labelled) return w.get(`#${labelled.attributes('for')!.replace(/:/g, '\\:')}`);
  return w.get(`[aria-label="${label}"]`);
};

describe('participants editor', () => {
  it('asks for a count of every kind, nothing filled in at first', () => {
    const w = mountEditor();
    const labels = w.findAll('label').map((l) => l.text());
    expect(labels).toEqual(['居民人数', '居委会人数', '物业公司人数', '业委会人数', '党员人数', '人大代表、政协委员人数', '其他人数', '其他参与方说明']);
    expect(w.findAll('input[type="number"]').every((field) => (field.element as HTMLInputElement).value === '')).toBe(true);
    expect(w.get('.total').text()).toBe('共 0 人参加');
  });

  it('keeps the kinds that have someone, in the order of the kinds, with names one a line', async () => {
    const w = mountEditor();
    await input(w, '物业公司人数').setValue('2');
    await input(w, '居民人数').setValue('18');
    await input(w, '居民姓名（可不填，每行一位）').setValue('张三\n李四');
    expect(w.props('modelValue')).toEqual([
      { kind: 'residents', count: 18, names: ['张三', '李四'] },
      { kind: 'property_company', count: 2, names: [] },
    ]);
    expect(w.get('.total').text()).toBe('共 20 人参加');
  });

  it('drops a kind when its count is cleared and it has no names; bounds the count', async () => {
    const w = mountEditor([{ kind: 'deputies', count: 3, names: [] }, { kind: 'others', count: 1, names: [], note: '街道城管' }]);
    expect((input(w, '人大代表、政协委员人数').element as HTMLInputElement).value).toBe('3');
    await input(w, '人大代表、政协委员人数').setValue('');
    expect(w.props('modelValue')).toEqual([{ kind: 'others', count: 1, names: [], note: '街道城管' }]);
    await input(w, '其他人数').setValue('9999999');
    expect(w.props('modelValue')[0]!.count).toBe(100_000);
    await input(w, '党员人数').setValue('-4');
    expect(w.props('modelValue').map((group) => group.kind)).toEqual(['others']);
  });

  it('speaks English in the en locale', () => {
    const w = mountEditor([], 'en');
    expect(w.get('legend').text()).toBe('Participants');
    expect(w.findAll('label')[1]!.text()).toBe("Number of Residents' committee");
  });
});
