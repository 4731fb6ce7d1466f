import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { z } from 'zod/mini';
import { ApiError } from '../../src/app/api/http';
import { useErrorMessage, type ErrorMessage } from '../../src/app/composables/useErrorMessage';
import { StorageWriteError } from '../../src/app/db/storage';
import { createAppI18n, type Locale } from '../../src/app/i18n';
import { userErrorOf } from '../../src/app/i18n/user-error';
import { SyncIncompleteError } from '../../src/app/sync/engine';
import { readUnsentFile } from '../../src/app/sync/export-file';
import { IncompleteResponseError } from '../../src/shared/questionnaire/response';
import { eventually, mountWith } from '../helpers/app/mount';
import ImportPage from '../../src/app/pages/ImportPage.vue';

function messagesIn(locale: Locale, context?: string): (error: unknown) => ErrorMessage {
  let errorMessage!: (error: unknown) => ErrorMessage;
  mount(
    defineComponent({
      setup() {
        errorMessage = useErrorMessage(context);
        return () => h('div');
      },
    }),
    { global: { plugins: [createAppI18n(locale)] } },
  );
  return errorMessage;
}

function thrownBy(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

const deviceOffline = () => vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);

describe('one mapping from any failure to the user’s message', () => {
  afterEach(() => vi.restoreAllMocks());

  it('maps HTTP statuses, server codes, the network, storage and the app’s own errors to codes', () => {
    expect(userErrorOf(new ApiError(0, 'network', 'Failed to fetch'))).toEqual({ code: 'unreachable', detail: 'network · Failed to fetch' });
    deviceOffline();
    expect(userErrorOf(new ApiError(0, 'network', 'Failed to fetch'))).toEqual({ code: 'offline', detail: 'network · Failed to fetch' });
    expect(userErrorOf(new ApiError(404, 'not_found', 'No round 2030-H1')).code).toBe('not_found');
    expect(userErrorOf(new ApiError(401, 'unauthenticated', 'token expired')).code).toBe('unauthenticated');
    expect(userErrorOf(new ApiError(401, 'invalid_credentials', 'wrong password')).code).toBe('invalid_credentials');
    expect(userErrorOf(new ApiError(403, 'forbidden', 'no')).code).toBe('forbidden');
    expect(userErrorOf(new ApiError(400, 'invalid_request', 'Invalid input')).code).toBe('refused');
    expect(userErrorOf(new ApiError(413, 'payload_too_large', 'big')).code).toBe('too_large');
    expect(userErrorOf(new ApiError(429, 'rate_limited', 'slow down')).code).toBe('rate_limited');
    expect(userErrorOf(new ApiError(503, 'http_error', 'HTTP 503 Service Unavailable')).code).toBe('server');
    expect(userErrorOf(new StorageWriteError('quota', new Error('QuotaExceededError'))).code).toBe('storage_quota');
    expect(userErrorOf(new StorageWriteError('closed', new Error('closed'))).code).toBe('storage_closed');
    expect(userErrorOf(new SyncIncompleteError(2)).code).toBe('waiting_for_blobs');
    expect(userErrorOf(new IncompleteResponseError({})).code).toBe('incomplete_response');
    expect(userErrorOf(thrownBy(() => readUnsentFile('not json'))).code).toBe('file_not_json');
    expect(userErrorOf(thrownBy(() => readUnsentFile('{"format":"x"}'))).code).toBe('file_invalid');
    expect(userErrorOf(new TypeError('x is undefined'))).toEqual({ code: 'unknown', detail: 'x is undefined' });
  });

  it('says it in plain Chinese, with the technical text kept apart for “详情”', () => {
    const zh = messagesIn('zh-CN');
    expect(zh(new ApiError(0, 'network', 'Failed to fetch')).message).toBe('有网络，但服务器没有响应，稍后会自动重试。');
    deviceOffline();
    expect(zh(new ApiError(0, 'network', 'Failed to fetch')).message).toBe('没有网络，联网后自动发送。');
    expect(zh(new ApiError(0, 'network', 'Failed to fetch')).detail).toBe('错误代码（供技术支持）：network · Failed to fetch');
    expect(zh(new ApiError(400, 'invalid_request', 'Invalid input')).message).toBe('服务器不接受这份数据。');
    expect(zh(new ApiError(400, 'invalid_request', 'Invalid input')).detail).toBe('错误代码（供技术支持）：HTTP 400 · invalid_request · Invalid input');
    expect(messagesIn('en')(new ApiError(0, 'network', 'Failed to fetch')).message).toBe('No connection: it will be sent once you are online.');
  });

  it('lets a page say it better in its own context, falling back to the common message', () => {
    const login = messagesIn('zh-CN', 'login.errors');
    expect(login(new ApiError(0, 'network', 'Failed to fetch')).message).toBe('服务器没有响应。首次登录需要连上服务器，请稍后重试。');
    deviceOffline();
    expect(login(new ApiError(0, 'network', 'Failed to fetch')).message).toBe('无法连接服务器。首次登录需要网络，请联网后重试。');
    expect(login(new ApiError(503, 'unavailable', 'down')).message).toBe('服务器暂时出了问题，稍后会自动重试。');
  });

  it('shows an unreadable import file in Chinese, the parser’s English only behind 详情', async () => {
    const wrapper = mountWith(ImportPage);
    const input = wrapper.get('input[type="file"]');
    const file = new File(['{"format":"gulou-unsent-records"}'], 'unsent.json', { type: 'application/json' });
    Object.defineProperty(input.element, 'files', { value: [file] });
    await input.trigger('change');
    await eventually(async () => {
      await flushPromises();
      expect(wrapper.get('[role="alert"]').text()).toBe('导入失败：文件内容不完整或格式不对，无法导入。');
    });
    expect(wrapper.get('[role="alert"]').text()).not.toMatch(/Invalid input|not a valid export/);
    expect(wrapper.get('details').text()).toContain('not a valid export');
    wrapper.unmount();
  });
});

describe('schema issues in the user’s words', () => {
  it('says the server’s “field: reason” list field by field in Chinese, no schema text, the code kept for support', () => {
    const zh = messagesIn('zh-CN');
    const refused = zh(new ApiError(400, 'invalid_request', 'Invalid request: body.data.building: Invalid input; body.data.note: must say what was done; body.data.title.zh: must not be empty'));
    expect(refused.message).toBe('服务器不接受这份数据。');
    expect(refused.issues).toEqual(['楼栋：不符合要求', '说明：请写明做了什么', '标题（中文）：不能为空']);
    expect(refused.detail).toBe('楼栋：不符合要求\n说明：请写明做了什么\n标题（中文）：不能为空\n错误代码（供技术支持）：HTTP 400 · invalid_request');
    expect(refused.detail).not.toMatch(/Invalid|must/);
  });

  it('maps zod’s own issues (empty, too long, wrong type, not a choice) with the field’s label', () => {
    const schema = z.strictObject({ note: z.string().check(z.minLength(1)), building: z.string().check(z.maxLength(4)), action: z.enum(['progress', 'report_fixed']), photos: z.array(z.string()) });
    const parsed = schema.safeParse({ note: '', building: '12345', action: 'fixed', photos: 3 });
    expect(parsed.success).toBe(false);
    expect(messagesIn('zh-CN')(parsed.error).issues).toEqual(['说明：不能为空', '楼栋：最多 4 个字', '上报内容：不是可选的值', '照片：没有填写或格式不对']);
    expect(messagesIn('zh-CN')(parsed.error).message).toBe('有内容不符合要求，请按下面的说明改正。');
  });
});
