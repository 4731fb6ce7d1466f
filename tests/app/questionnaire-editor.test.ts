import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../src/app/db/session';
import type { QuestionnaireDefinition } from '../../src/shared/questionnaire/definition';
import type { QuestionnaireVersionSummary } from '../../src/shared/questionnaire/versions';
import { defaultQuestionnaires } from '../../src/server/demo/templates';
import { definitionToSheets, sheetsToDefinition, type XlsformRefusal } from '../../src/shared/questionnaire/xlsform';
import { eventually, mountApp } from '../helpers/app/mount';
import { workerLogin } from '../helpers/app/network';
import { roundSummary, stubApi } from '../helpers/app/scores';

const adminLogin = { ...workerLogin, token: 'token-of-the-admin', user: { ...workerLogin.user, role: 'admin' as const, scope: { level: 'district' as const, ids: ['gulou'] } } };
const elderly = defaultQuestionnaires.find((q) => q.id === 'resident-elderly')!;

function summary(definition: QuestionnaireDefinition, state: 'draft' | 'published'): QuestionnaireVersionSummary {
  return { questionnaireId: definition.id, version: definition.version, state, audience: definition.audience, title: definition.title, items: definition.items.length, createdAt: '2026-01-01T00:00:00.000Z', createdBy: null, publishedAt: state === 'published' ? '2026-01-01T00:00:00.000Z' : null, rounds: state === 'published' ? ['2026-H1'] : [] };
}

function api() {
  return stubApi({
    '/api/questionnaires': { versions: defaultQuestionnaires.map((definition) => summary(definition, 'published')) },
    '/api/rounds': { rounds: [roundSummary('2026-H1', 'open')] },
    '/api/questionnaires/resident-elderly/versions/1': { summary: summary(elderly, 'published'), definition: elderly },
    '/api/questionnaires/resident-elderly/versions': { version: summary({ ...elderly, version: 2 }, 'draft') },
  });
}

/** The definition the page sent with "save draft". */
function savedDefinition(fetchMock: ReturnType<typeof api>): QuestionnaireDefinition {
  const call = fetchMock.mock.calls.find(([url, init]) => String(url) === '/api/questionnaires/resident-elderly/versions' && init?.method === 'POST');
  if (!call) throw new Error('nothing was saved');
  return (JSON.parse(String(call[1]!.body)) as { definition: QuestionnaireDefinition }).definition;
}

let wrapper: VueWrapper;

/** Opens the list, then the elderly questionnaire as its next version. */
async function openEditor(): Promise<void> {
  ({ wrapper } = await mountApp('/office/questionnaires'));
  await eventually(() => expect(wrapper.find('[data-version="resident-elderly@1"] button').exists()).toBe(true));
  const edit = wrapper.get('[data-version="resident-elderly@1"]').findAll('button').find((button) => button.text() === '编辑为新版本')!;
  await edit.trigger('click');
  await eventually(() => expect(wrapper.find('.editor-page h1').text()).toBe('编辑问卷：老年居民满意度问卷 第 2 版'));
}

async function selectItem(number: number): Promise<void> {
  await wrapper.get('.item-list').findAll('.item-link')[number - 1]!.trigger('click');
  await eventually(() => expect(wrapper.get('.item-pane h3').text()).toBe(`第 ${number} 题`));
}

function button(text: string, within: Pick<VueWrapper, 'findAll'> = wrapper) {
  const found = within.findAll('button').find((candidate) => candidate.text() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

async function save(): Promise<void> {
  await button('保存草稿').trigger('click');
  await eventually(() => expect(wrapper.get('.status').text()).toBe('草稿已保存（第 2 版）。'));
}

beforeEach(() => saveSession(adminLogin));
afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('questionnaire editor', { timeout: 30_000 }, () => {
  it('edits skip logic as rules on earlier answers and saves them as the declarative condition', async () => {
    const fetchMock = api();
    await openEditor();
    expect(wrapper.text()).toContain('已发布的版本不会改变：保存后是第 2 版草稿。');

    // Item 18 is shown when the grid worker visited: one rule, "网格员… 等于 是".
    await selectItem(18);
    const rule = wrapper.get('.item-pane [data-rule]');
    const [item, operator, value] = rule.findAll('select');
    expect(item!.element.value).toBe('grid_visited');
    expect(operator!.element.value).toBe('equals');
    expect(value!.element.value).toBe('true');
    await value!.setValue('false');

    // Item 3 is always shown; a rule on item 2 being one of two answers is added.
    await selectItem(3);
    expect(wrapper.get('.item-pane').text()).toContain('总是显示');
    await button('添加条件', wrapper.get('.item-pane')).trigger('click');
    const added = wrapper.get('.item-pane [data-rule]');
    expect(added.findAll('select')[0]!.element.value).toBe('sat_pb_member_role');
    await added.findAll('select')[1]!.setValue('one_of');
    const unsatisfied = added.findAll('input[type="checkbox"]').find((box) => box.element.parentElement?.textContent?.includes('不太满意'))!;
    await unsatisfied.setValue(true);

    await save();
    const definition = savedDefinition(fetchMock);
    expect(definition.version).toBe(2);
    expect(definition.items[17]!.relevant).toEqual({ op: 'equals', item: 'grid_visited', value: false });
    expect(definition.items[2]!.relevant).toEqual({ op: 'one_of', item: 'sat_pb_member_role', values: ['very_satisfied', 'unsatisfied'] });
    // Everything else is the published version, unchanged.
    expect({ ...definition, items: definition.items.filter((_, i) => i !== 2 && i !== 17) }).toEqual({ ...elderly, version: 2, items: elderly.items.filter((_, i) => i !== 2 && i !== 17) });
  });

  it('adds a required item that cannot be saved without wording, asks it as required in the preview, and fills English from Chinese', async () => {
    const fetchMock = api();
    await openEditor();
    await button('添加题目').trigger('click');
    await eventually(() => expect(wrapper.get('.item-pane h3').text()).toBe('第 21 题'));
    // In words, by question and field: no schema text on the screen.
    expect(wrapper.get('.issues').text()).toContain('第 21 题，题目（中文）：不能为空');
    expect(wrapper.get('.issues').text()).not.toMatch(/must|text\.zh|[A-Za-z]{4,}/);
    expect(button('保存草稿').attributes('disabled')).toBeDefined();
    expect(button('发布').attributes('disabled')).toBeDefined();
    expect(wrapper.get(`#${button('发布').attributes('aria-describedby')}`).text()).toBe(`先改好下面列出的 ${wrapper.findAll('.issues li').length} 个问题，才能发布。`);

    await wrapper.get('#item-21-kind').setValue('short_text');
    await wrapper.get('#item-21-text-zh').setValue('您家有几口人住在这里？');
    await wrapper.get('#item-21-required').setValue(true);
    await eventually(() => expect(wrapper.find('.issues').exists()).toBe(false));
    expect(button('发布').attributes('disabled')).toBeUndefined();
    expect(wrapper.find('#publish-why').exists()).toBe(false);

    // The preview, all questions on one page, refuses to finish without the new required answer.
    await wrapper.get('.preview-bar input[type="checkbox"]').setValue(false);
    const preview = wrapper.get('[data-preview]');
    await eventually(() => expect(preview.text()).toContain('您家有几口人住在这里？'));
    await button('完成，核对答案', preview).trigger('click');
    await eventually(() => expect(preview.get('[data-item="q21"]').text()).toContain('这道题必须回答。'));

    await save();
    expect(savedDefinition(fetchMock).items[20]).toEqual({
      id: 'q21',
      kind: 'short_text',
      text: { zh: '您家有几口人住在这里？', en: '您家有几口人住在这里？' },
      evaluation: 'positive',
      level: 'community',
      constraints: { required: true },
    });
  });

  it('starts a new questionnaire: id and audience asked first with nothing chosen, a taken or malformed id refused in words, then version 1 saved as edited', async () => {
    const created: QuestionnaireDefinition = { id: 'resident-new', version: 1, audience: 'adult', title: { zh: '新问卷', en: '新问卷' }, items: [] };
    const fetchMock = stubApi({
      '/api/questionnaires': { versions: defaultQuestionnaires.map((definition) => summary(definition, 'published')) },
      '/api/rounds': { rounds: [roundSummary('2026-H1', 'open')] },
      '/api/questionnaires/resident-new/versions': { version: { ...summary(created, 'draft'), items: 1 } },
    });
    ({ wrapper } = await mountApp('/office/questionnaires'));
    const form = await eventually(() => wrapper.get('form[aria-label="新建问卷"]'));
    const start = () => button('开始编辑', form);
    await eventually(() => expect(wrapper.find('[data-version="resident-elderly@1"]').exists()).toBe(true));
    expect(form.get('select').element.value).toBe('');
    expect(start().attributes('disabled')).toBeDefined();

    await form.get('input').setValue('resident-elderly');
    await form.get('select').setValue('adult');
    expect(form.get('[role="alert"]').text()).toBe('已有编号为 resident-elderly 的问卷：请换一个编号，或在下表中编辑它的新版本。');
    expect(start().attributes('disabled')).toBeDefined();
    await form.get('input').setValue('Resident New');
    expect(form.get('[role="alert"]').text()).toBe('编号只能用小写英文字母、数字和“-”，并以字母开头。');

    await form.get('input').setValue('resident-new');
    expect(form.get('[role="alert"]').text()).toBe('');
    await start().trigger('click');
    await eventually(() => expect(wrapper.find('.editor-page h1').text()).toBe('编辑问卷：resident-new 第 1 版'));
    expect(wrapper.get('.issues').text()).toContain('第 1 题，题目（中文）：不能为空');
    await wrapper.get('#item-1-text-zh').setValue('您对社区环境满意吗？');
    const title = wrapper.findAll('.editor-page label').find((label) => label.text().startsWith('标题（中文）'))!;
    await title.get('input').setValue('新问卷');
    await eventually(() => expect(wrapper.find('.issues').exists()).toBe(false));
    await button('保存草稿').trigger('click');
    await eventually(() => expect(wrapper.get('.status').text()).toBe('草稿已保存（第 1 版）。'));
    const call = fetchMock.mock.calls.find(([url, init]) => String(url) === '/api/questionnaires/resident-new/versions' && init?.method === 'POST')!;
    const sent = (JSON.parse(String(call[1]!.body)) as { definition: QuestionnaireDefinition }).definition;
    expect(sent).toMatchObject({ id: 'resident-new', version: 1, audience: 'adult', title: { zh: '新问卷' } });
    expect(sent.items).toEqual([expect.objectContaining({ id: 'q1', kind: 'satisfaction', text: { zh: '您对社区环境满意吗？', en: '您对社区环境满意吗？' } })]);
  });

  it('previews the questionnaire live as a phone shows it, in elderly mode or not', async () => {
    api();
    await openEditor();
    const preview = wrapper.get('[data-preview]');
    // The elderly questionnaire opens in elderly mode: one question per screen, with text size buttons.
    expect(preview.text()).toContain('第 1 题，共 18 题');
    expect(preview.findAll('[data-item]')).toHaveLength(1);
    expect(preview.find('.text-size').exists()).toBe(true);

    await selectItem(1);
    await wrapper.get('#item-1-text-zh').setValue('社区党组织为居民办实事，您满意吗？');
    await eventually(() => expect(preview.get('[data-item]').text()).toContain('社区党组织为居民办实事，您满意吗？'));

    await wrapper.get('.preview-bar input[type="checkbox"]').setValue(false);
    await eventually(() => expect(preview.findAll('[data-item]')).toHaveLength(18));
    // Skip logic runs in the preview: "visited: yes" shows the visit satisfaction item.
    await preview.get('[data-item="grid_visited"] input[value="yes"]').setValue(true);
    await eventually(() => expect(preview.find('[data-item="sat_sd_grid_visits"]').exists()).toBe(true));
  });
});

describe('importing a questionnaire file', { timeout: 30_000 }, () => {
  /** The server's refusal of these sheets, from the shared reader it runs. */
  function refusalOf(sheets: ReturnType<typeof definitionToSheets>): XlsformRefusal {
    const outcome = sheetsToDefinition(sheets);
    if (!('problems' in outcome)) throw new Error('the sheets have no problem');
    return { error: { code: 'invalid_request', message: outcome.problems.map((problem) => problem.message).join('; ') }, problems: outcome.problems };
  }

  /** The list page, whose import answers `refusal` with 400. */
  async function importRefused(refusal: XlsformRefusal): Promise<string[]> {
    const answers = api();
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
      String(input) === '/api/questionnaires/import' ? new Response(JSON.stringify(refusal), { status: 400, headers: { 'Content-Type': 'application/json' } }) : answers(input, init),
    ));
    ({ wrapper } = await mountApp('/office/questionnaires'));
    await eventually(() => expect(wrapper.find('[data-version="resident-elderly@1"]').exists()).toBe(true));
    const input = wrapper.get('.import input[type="file"]');
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'questionnaire.xlsx')], configurable: true });
    await input.trigger('change');
    await eventually(() => expect(wrapper.find('.error-alert').exists()).toBe(true));
    const alert = wrapper.get('.error-alert');
    // No English under 详情 either: the problems are all there is to say.
    expect(alert.text()).not.toMatch(/must|is not one we read|invalid_request|row \d/);
    return [alert.get('[role="alert"]').text(), ...alert.findAll('.issues li').map((item) => item.text())];
  }

  it('lists every problem of a file by sheet and row, in Chinese', async () => {
    const sheets = definitionToSheets(elderly);
    sheets.survey[2] = { ...sheets.survey[2]!, type: 'geopoint' };
    sheets.survey[3] = { ...sheets.survey[3]!, min: 'many' };
    sheets.settings[0] = { ...sheets.settings[0]!, audience: 'children' };
    expect(await importRefused(refusalOf(sheets))).toEqual([
      '这份问卷文件有下列问题，请在表格中逐条改正后再导入：',
      '工作表 settings 第 2 行，调查对象：不是可选的值',
      '工作表 survey 第 4 行，题型：不认识题型“geopoint”（可用 select_one、select_multiple、integer、decimal、text）',
      '工作表 survey 第 5 行，最小值：应填数字，现在是“many”',
    ]);
  });

  it("says a schema's problems in words at their row", async () => {
    const sheets = definitionToSheets(elderly);
    sheets.survey[3] = { ...sheets.survey[3]!, name: sheets.survey[2]!.name! };
    const lines = await importRefused(refusalOf(sheets));
    expect(lines.slice(1)).toContain('工作表 survey 第 5 行，编号：编号重复');
  });

  it('gives a file that is not XLSX its own message', async () => {
    const lines = await importRefused({ error: { code: 'invalid_request', message: 'the file is not an XLSX workbook' }, file: 'not_xlsx', missingSheets: [], problems: [] });
    expect(lines).toEqual(['这不是 XLSX 文件。请选择用 Excel 或 WPS 保存为 .xlsx 格式的问卷文件（可先导出一份现有问卷作样板）。']);
  });

  it('names the sheets a workbook lacks', async () => {
    const lines = await importRefused({ error: { code: 'invalid_request', message: 'missing: choices' }, file: 'sheets_missing', missingSheets: ['choices'], problems: [] });
    expect(lines.slice(1)).toEqual(['工作表 choices：缺少这张工作表（需要 survey、choices、settings 三张）']);
  });
});
