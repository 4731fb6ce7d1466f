import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SignaturePad from '../../src/app/components/signature/SignaturePad.vue';
import { pads } from '../helpers/app/survey-fake-pad';
import { eventually, mountWith } from '../helpers/app/mount';

// The canvas library needs a real 2D context, which happy-dom lacks.
vi.mock('signature_pad', () => import('../helpers/app/survey-fake-pad'));

type PadWrapper = VueWrapper<InstanceType<typeof SignaturePad>>;
let wrapper: PadWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  pads.length = 0;
  vi.restoreAllMocks();
});

function mountPad(locale: 'zh-CN' | 'en' = 'zh-CN'): PadWrapper {
  wrapper = mountWith(SignaturePad, { locale, props: { signer: '受访者', declaration: '我确认以上回答是我本人的真实意见。' }, slots: { default: '<p class="what">第1题：满意</p>' } });
  return wrapper;
}

const button = (w: PadWrapper, name: string) => w.findAll('button').find((b) => b.text() === name)!;

describe('signature pad', () => {
  it('shows what is being signed, then the declaration right above the pad', () => {
    const w = mountPad();
    expect(w.get('h2').text()).toBe('受访者签名');
    expect(w.get('.signed-content .what').text()).toBe('第1题：满意');
    // The scrollable content can be reached by keyboard.
    expect(w.get('.signed-content').attributes('tabindex')).toBe('0');
    const declaration = w.get('.declaration');
    expect(declaration.text()).toBe('我确认以上回答是我本人的真实意见。');
    expect(declaration.element.nextElementSibling?.nextElementSibling?.tagName).toBe('CANVAS');
    expect(w.get('canvas').attributes('aria-label')).toBe('受访者签名板');
    expect(w.get('canvas').attributes('aria-describedby')).toContain(declaration.attributes('id'));
  });

  it('takes strokes again after declining and going back to sign, without the old message', async () => {
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (callback: BlobCallback) {
      callback(png);
    });
    const w = mountPad();
    await button(w, '确认签名并保存').trigger('click');
    expect(w.get('[role="alert"]').text()).toBe('签名板还是空的，请先签名。');
    await button(w, '受访者不愿签字').trigger('click');
    expect(w.get('[role="alert"]').text()).toBe('');
    await button(w, '返回签名').trigger('click');
    const canvas = w.get('canvas').element;
    const live = pads.filter((pad) => pad.attached && pad.canvas === canvas);
    expect(live).toHaveLength(1);
    live[0]!.draw();
    await w.vm.$nextTick();
    await button(w, '确认签名并保存').trigger('click');
    await eventually(() => expect(w.emitted('sign')?.[0]).toEqual([png]));
    expect(w.get('[role="alert"]').text()).toBe('');
  });

  it('cannot be submitted empty', async () => {
    const w = mountPad();
    await button(w, '确认签名并保存').trigger('click');
    expect(w.emitted('sign')).toBeUndefined();
    expect(w.get('[role="alert"]').text()).toBe('签名板还是空的，请先签名。');
  });

  it('hands over the drawing as a PNG once something was drawn, and can be cleared', async () => {
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (callback: BlobCallback) {
      callback(png);
    });
    const w = mountPad();
    expect(button(w, '重写').attributes('disabled')).toBeDefined();
    pads[0]!.draw();
    await w.vm.$nextTick();
    expect(button(w, '重写').attributes('disabled')).toBeUndefined();
    await button(w, '确认签名并保存').trigger('click');
    await eventually(() => expect(w.emitted('sign')?.[0]).toEqual([png]));
    await button(w, '重写').trigger('click');
    await button(w, '确认签名并保存').trigger('click');
    expect(w.emitted('sign')).toHaveLength(1);
  });

  it('records a reason when the signer declines, and requires one', async () => {
    const w = mountPad();
    await button(w, '受访者不愿签字').trigger('click');
    await button(w, '记录原因并保存').trigger('click');
    expect(w.emitted('decline')).toBeUndefined();
    expect(w.get('[role="alert"]').text()).toBe('请写明不签字的原因。');
    await w.get('textarea').setValue('  眼睛看不清，不愿签字 ');
    await button(w, '记录原因并保存').trigger('click');
    expect(w.emitted('decline')?.[0]).toEqual(['眼睛看不清，不愿签字']);
  });

  it('speaks English when the interface does', async () => {
    const w = mountPad('en');
    await w.findAll('button').find((b) => b.text() === 'Confirm signature and save')!.trigger('click');
    expect(w.get('[role="alert"]').text()).toBe('The signature pad is empty; please sign first.');
  });
});
