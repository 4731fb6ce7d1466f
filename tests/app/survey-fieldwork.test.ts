import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appDatabase, type StoredReference } from '../../src/app/db/database';
import { getDraft, listDrafts } from '../../src/app/db/drafts';
import { applyPushResults } from '../../src/app/db/outbox';
import { saveFinalised } from '../../src/app/db/records';
import { responseRecord } from '../../scripts/harness/records';
import { saveSession } from '../../src/app/db/session';
import { sha256Hex } from '../../src/shared/hashing';
import { validateRecord, type FinalisedRecord } from '../../src/shared/records';
import { verifySignature } from '../../src/shared/signature';
import { eventually, mountApp } from '../helpers/app/mount';
import { pads } from '../helpers/app/survey-fake-pad';
import { assignedHouseholdId, referenceData, seedReference, surveyWorkerLogin } from '../helpers/app/survey-seed';

vi.mock('signature_pad', () => import('../helpers/app/survey-fake-pad'));

const png = new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3])], { type: 'image/png' });
let wrapper: VueWrapper | undefined;

beforeEach(async () => {
  await saveSession(surveyWorkerLogin);
  await seedReference();
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((callback: BlobCallback) => callback(png));
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  pads.length = 0;
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function open(path: string) {
  wrapper?.unmount();
  const mounted = await mountApp(path);
  wrapper = mounted.wrapper;
  return mounted;
}

/** Waits until the page shows `text` (pages load lazily, data comes from IndexedDB). */
async function until(check: () => void | Promise<void>): Promise<void> {
  await eventually(async () => {
    await flushPromises();
    await check();
  }, { timeout: 10_000, interval: 20 });
}

function byText(selector: string, text: string) {
  const found = wrapper!.findAll(selector).find((element) => element.text().includes(text));
  if (!found) throw new Error(`no ${selector} with "${text}"`);
  return found;
}

const neighbourId = '0190f0a0-0000-7000-8000-00000000a002';
const otherCommunityId = '0190f0a0-0000-7000-8000-00000000a003';

function assignment(id: string, communityId: string, building: string, unit: string, room: string): StoredReference {
  return { kind: 'assignment', id, data: { id, communityId, roundId: '2026-H1', building, unit, room, assignedTo: surveyWorkerLogin.user.id } };
}

/** Opens a household's visit page and waits for its two first actions. */
async function openVisit(householdId: string): Promise<void> {
  await open(`/survey/households/${householdId}`);
  await until(() => expect(wrapper!.find('.choose').exists()).toBe(true));
}

async function couldNotVisit(): Promise<void> {
  await byText('button', '没能走访').trigger('click');
  await until(() => expect(wrapper!.find('input[value="nobody_home"]').exists()).toBe(true));
}

async function recordNobodyHome(householdId: string): Promise<void> {
  await openVisit(householdId);
  await couldNotVisit();
  await wrapper!.get('input[value="nobody_home"]').setValue(true);
  await wrapper!.get('form').trigger('submit');
  await until(() => expect(wrapper!.text()).toContain('已记录：无人在家'));
}

async function records(kind: string): Promise<FinalisedRecord[]> {
  return appDatabase().records.where('kind').equals(kind).toArray();
}

describe('the worker home page', { timeout: 30_000 }, () => {
  it('shows the communities, the round, quota progress and the household register', async () => {
    await open('/');
    await until(() => expect(wrapper!.text()).toContain('挹江门示例第01社区'));
    const visits = wrapper!.get('section[aria-label="今日走访"]');
    expect(visits.text()).toContain('测评轮次：2026年上半年');
    expect(visits.text()).toContain('挹江门示例第02社区');
    expect(visits.text()).toContain('老年居民：已完成 0 / 目标 10');
    expect(visits.text()).toContain('驻区单位：已完成 0 / 目标 2');
    expect(visits.findAll('progress').length).toBe(3);
    expect(byText('a', '入户登记（1户）').attributes('href')).toBe('/survey/communities/yijiangmen-c01');
    expect(wrapper!.get('section[aria-label="待回访"]').text()).toContain('暂无内容');
    expect(wrapper!.get('section[aria-label="未完成的问卷"]').text()).toContain('暂无内容');
  });

  it('shows pulled questionnaires and assignments as soon as they are written', async () => {
    await appDatabase().reference.clear();
    await open('/');
    await until(() => expect(wrapper!.text()).toContain('还没有测评轮次'));
    expect(wrapper!.text()).toContain('入户登记（0户）');
    await seedReference();
    await until(() => expect(wrapper!.text()).toContain('入户登记（1户）'));
    expect(wrapper!.text()).toContain('挹江门示例第01社区');
    expect(wrapper!.text()).toContain('测评轮次：2026年上半年');
  });

  it('asks for persistent storage once and shows the usage', async () => {
    const storage = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true), estimate: vi.fn(async () => ({ usage: 3 * 1024 * 1024, quota: 200 * 1024 * 1024 })) };
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { storage }));
    await open('/');
    await until(() => expect(wrapper!.text()).toContain('已用 3.0 MB，共可用 200 MB'));
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(wrapper!.text()).toContain('本机已开启持久存储');
    await open('/');
    await until(() => expect(wrapper!.text()).toContain('已用 3.0 MB'));
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(wrapper!.text()).toContain('浏览器没有开启持久存储');
  });

  it('warns when the storage is nearly full', async () => {
    const storage = { persisted: vi.fn(async () => true), persist: vi.fn(async () => true), estimate: vi.fn(async () => ({ usage: 95, quota: 100 })) };
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { storage }));
    await open('/');
    await until(() => expect(wrapper!.text()).toContain('本机存储空间快满了'));
  });
});

describe('the household register and visits', () => {
  it('adds a household as a finalised record waiting to sync', async () => {
    await open('/survey/communities/yijiangmen-c01');
    await until(() => expect(wrapper!.text()).toContain('3栋2单元401室'));
    expect(wrapper!.get('h1').text()).toBe('挹江门示例第01社区入户登记');
    await byText('button', '保存住户').trigger('submit');
    await until(() => expect(wrapper!.text()).toContain('请填写楼栋、单元和门牌号。'));
    await wrapper!.get('input[maxlength="40"]').setValue('12');
    const [, unit, room] = wrapper!.findAll('input[maxlength="40"]');
    await unit!.setValue('1');
    await room!.setValue('102');
    await wrapper!.get('form').trigger('submit');
    await until(() => expect(wrapper!.get('section.add [role="status"]').text()).toBe('已添加住户：12栋1单元102室'));
    const [household] = await records('household');
    expect(household?.data).toMatchObject({ communityId: 'yijiangmen-c01', building: '12', unit: '1', room: '102', authorId: surveyWorkerLogin.user.id });
    expect(validateRecord(household!)).toBeUndefined();
    expect((await appDatabase().records.get(household!.id))?.syncState).toBe('pending');
  });

  it('records "nobody home", which puts the household on the revisit list', async () => {
    await recordNobodyHome(assignedHouseholdId);
    expect(wrapper!.text()).toContain('等待同步');
    const [visit] = await records('visit');
    expect(visit?.data).toMatchObject({ householdId: assignedHouseholdId, outcome: 'nobody_home', roundId: '2026-H1' });
    expect(validateRecord(visit!)).toBeUndefined();

    await open('/');
    await until(() => expect(wrapper!.get('section[aria-label="今日走访"]').text()).toContain('今天已走访 1 户'));
    expect(wrapper!.get('section[aria-label="待回访"]').text()).toContain('无人在家');
    expect(wrapper!.get('section[aria-label="待回访"]').text()).toContain('挹江门示例第01社区 3栋2单元401室');
  });

  it('turns today’s visit on the home from 等待同步 to 已同步 as soon as a sync sends it', async () => {
    await recordNobodyHome(assignedHouseholdId);
    await open('/');
    const badge = () => wrapper!.get('section[aria-label="今日走访"] .today .sync-badge').text();
    await until(() => expect(badge()).toBe('等待同步'));
    const [visit] = await records('visit');
    await applyPushResults([{ id: visit!.id, status: 'accepted' }], '2026-03-02T08:00:00.000Z');
    await until(() => expect(badge()).toBe('已同步'));
  });

  it('turns a saved visit from 等待同步 to 已同步 as soon as a sync sends it, on the page that shows it', async () => {
    await recordNobodyHome(assignedHouseholdId);
    const badge = () => wrapper!.get('section[aria-label="以往走访"] .sync-badge').text();
    await until(() => expect(badge()).toBe('等待同步'));
    const [visit] = await records('visit');
    await applyPushResults([{ id: visit!.id, status: 'accepted' }], '2026-03-02T08:00:00.000Z');
    await until(() => expect(badge()).toBe('已同步'));

    await open(`/survey/communities/${visit!.data.communityId as string}`);
    await until(() => expect(wrapper!.find('.last .sync-badge').exists()).toBe(true));
    await appDatabase().records.update(visit!.id, { syncState: 'rejected' });
    await until(() => expect(wrapper!.get('.last .sync-badge').text()).toBe('被退回'));
  });

  it('says on the phone when the round has closed: no quotas, no new questionnaire, and what is unsent shows as late', async () => {
    await saveFinalised([responseRecord({ id: surveyWorkerLogin.user.id, communityId: 'yijiangmen-c01' })]);
    await seedReference(referenceData().map((entry) => (entry.kind === 'round' ? { ...entry, data: { ...entry.data, state: 'published' } } : entry)));
    await open('/');
    await until(() => expect(wrapper!.find('.round-closed').exists()).toBe(true));
    expect(wrapper!.get('.round-closed').text()).toBe('2026年上半年的测评已结束，不能再开始新问卷。未完成的草稿仍可完成或放弃；完成的和还没同步的问卷都作为逾期问卷上传，由考评办决定是否计入。');
    expect(wrapper!.find('.quota-bars').exists()).toBe(false);

    await open(`/survey/households/${assignedHouseholdId}`);
    await until(() => expect(wrapper!.find('.round-closed').exists()).toBe(true));
    expect(wrapper!.text()).toContain('本轮测评已结束，不能再开始新问卷。');
    expect(wrapper!.find('.choose').exists()).toBe(false);

    await open('/survey/responses');
    await until(() => expect(wrapper!.find('[data-response-row] .late').exists()).toBe(true));
    expect(wrapper!.get('[data-response-row] .late').text()).toBe('逾期：由考评办决定是否计入');
  });

  it('asks for the agreed date when the resident says to come back later', async () => {
    await openVisit(assignedHouseholdId);
    await couldNotVisit();
    await wrapper!.get('input[value="come_back_later"]').setValue(true);
    await wrapper!.get('form').trigger('submit');
    await until(() => expect(wrapper!.text()).toContain('请选择约定再来的日期。'));
    expect(await records('visit')).toHaveLength(0);
    await wrapper!.get('input[type="date"]').setValue('2026-12-03');
    await wrapper!.get('form').trigger('submit');
    await until(() => expect(wrapper!.text()).toContain('已记录：约定改日再来'));
    expect((await records('visit'))[0]?.data.revisitOn).toBe('2026-12-03');
  });
});

describe('the visit flow', () => {
  it('starts with two actions and nothing chosen, and asks for a reason before saving', async () => {
    await openVisit(assignedHouseholdId);
    expect(wrapper!.get('h1').text()).toBe('走访 挹江门示例第01社区 3栋2单元401室');
    expect(wrapper!.findAll('.choose button').map((button) => button.text())).toEqual(['开门了，开始问卷', '没能走访']);
    expect(wrapper!.findAll('input')).toHaveLength(0);
    expect(wrapper!.text()).not.toContain('已完成问卷');
    await couldNotVisit();
    expect(wrapper!.get('legend').text()).toBe('没能走访的原因');
    expect(wrapper!.findAll('input[type="radio"]').map((input) => input.attributes('value'))).toEqual(['nobody_home', 'refused', 'moved', 'come_back_later']);
    expect(wrapper!.findAll('input[type="radio"]').some((input) => (input.element as HTMLInputElement).checked)).toBe(false);
    await wrapper!.get('form').trigger('submit');
    await until(() => expect(wrapper!.text()).toContain('请选择没能走访的原因。'));
    expect(await records('visit')).toHaveLength(0);
    // Choosing clears the line at once; a reason that needs a date asks for it instead.
    await wrapper!.get('input[value="come_back_later"]').setValue(true);
    expect(wrapper!.get('.outcome-form .problem').text()).toBe('请选择约定再来的日期。');
    await wrapper!.get('input[value="nobody_home"]').setValue(true);
    expect(wrapper!.get('.outcome-form .problem').text()).toBe('');
    await byText('button', '返回上一步').trigger('click');
    await byText('button', '开门了，开始问卷').trigger('click');
    await until(() => expect(wrapper!.text()).toContain('知情同意'));
  });

  it('takes the form away once saved, so a second tap cannot store a second visit, and offers the next household', async () => {
    await seedReference([...referenceData(), assignment(neighbourId, 'yijiangmen-c01', '3', '2', '402'), assignment(otherCommunityId, 'yijiangmen-c02', '3', '2', '402')]);
    await openVisit(assignedHouseholdId);
    await couldNotVisit();
    await wrapper!.get('input[value="refused"]').setValue(true);
    const form = wrapper!.get('form');
    await Promise.all([form.trigger('submit'), form.trigger('submit')]);
    await until(() => expect(wrapper!.text()).toContain('已记录：拒绝访问'));
    expect(wrapper!.find('form').exists()).toBe(false);
    expect(wrapper!.findAll('button').filter((button) => button.text() === '保存走访结果')).toHaveLength(0);
    expect(await records('visit')).toHaveLength(1);
    expect(byText('a', '返回入户登记').attributes('href')).toBe('/survey/communities/yijiangmen-c01');
    const next = byText('a', '下一户：');
    expect(next.text()).toBe('下一户：3栋2单元402室');
    expect(next.attributes('href')).toBe(`/survey/households/${neighbourId}`);

    await next.trigger('click');
    await until(() => expect(wrapper!.get('h1').text()).toBe('走访 挹江门示例第01社区 3栋2单元402室'));
    expect(wrapper!.text()).not.toContain('已记录');
    await couldNotVisit();
    await wrapper!.get('input[value="moved"]').setValue(true);
    await wrapper!.get('form').trigger('submit');
    await until(() => expect(wrapper!.text()).toContain('已记录：已搬走'));
    // The other community's 3栋2单元402室 is not the next door.
    expect(wrapper!.text()).toContain('本社区的住户都已走访过。');
    expect(wrapper!.text()).not.toContain('下一户');
  });
});

describe('addresses across communities', () => {
  beforeEach(() => seedReference([...referenceData(), assignment(neighbourId, 'yijiangmen-c01', '1', '1', '101'), assignment(otherCommunityId, 'yijiangmen-c02', '1', '1', '101')]));

  it('gives the register status chips, unvisited first, and a search by building and room', async () => {
    await recordNobodyHome(neighbourId);

    await open('/survey/communities/yijiangmen-c01');
    await until(() => expect(wrapper!.findAll('.households li')).toHaveLength(2));
    const rows = () => wrapper!.findAll('.households li').map((row) => `${row.get('.chip').text()} ${row.get('strong').text()}`);
    expect(rows()).toEqual(['未走访 3栋2单元401室', '待回访 1栋1单元101室']);
    const search = wrapper!.get('input[type="search"]');
    expect(wrapper!.get(`label[for="${search.attributes('id')}"]`).text()).toBe('按楼栋、门牌号查找');
    await search.setValue('1栋');
    expect(rows()).toEqual(['待回访 1栋1单元101室']);
    await search.setValue('401');
    expect(rows()).toEqual(['未走访 3栋2单元401室']);
    await search.setValue('9');
    expect(wrapper!.text()).toContain('没有找到这个楼栋或门牌号的住户。');
  });

  it('names the community in today’s visits and the revisit list, and counts doors, not visits', async () => {
    for (const householdId of [neighbourId, neighbourId, otherCommunityId]) await recordNobodyHome(householdId);
    await open('/');
    const today = () => wrapper!.get('section[aria-label="今日走访"]');
    await until(() => expect(today().text()).toContain('今天已走访 2 户'));
    expect(today().findAll('.today li')).toHaveLength(3);
    expect(today().text()).toContain('挹江门示例第01社区 1栋1单元101室');
    expect(today().text()).toContain('挹江门示例第02社区 1栋1单元101室');
    const revisits = wrapper!.get('section[aria-label="待回访"]').findAll('strong').map((row) => row.text());
    expect(revisits.sort()).toEqual(['挹江门示例第01社区 1栋1单元101室', '挹江门示例第02社区 1栋1单元101室']);
  });
});

/** From the household to the first question of the elderly questionnaire; returns the draft id. */
async function startElderlyInterview(): Promise<string> {
  await openVisit(assignedHouseholdId);
  await byText('button', '开门了，开始问卷').trigger('click');
  await until(() => expect(wrapper!.text()).toContain('知情同意'));
  // What the resident is told is what the system does: the address is kept, apart from the answers.
  expect(wrapper!.text()).toContain('门牌只用于安排走访，和回答分开保存，考评办和街道工作人员只看到回答，看不到门牌。');
  expect(wrapper!.text()).not.toContain('不记门牌');
  await byText('button', '开始答题').trigger('click');
  await until(() => expect(wrapper!.text()).toContain('请先确认受访者同意参加。'));
  await byText('label', '受访者已知情并同意参加').get('input').setValue(true);
  await wrapper!.get('input[value="elderly"]').setValue(true);
  expect(wrapper!.text()).toContain('问卷：老年居民满意度问卷（第1版）');
  await byText('button', '开始答题').trigger('click');
  await until(() => expect(wrapper!.find('.form-runner.large').exists()).toBe(true));
  const [draft] = await listDrafts('response');
  return draft!.id;
}

async function answerScreen(value: string): Promise<void> {
  await wrapper!.get(`.form-runner input[value="${value}"]`).setValue(true);
  await byText('button', '下一题').trigger('click');
}

// Whole flows through lazily loaded pages and IndexedDB: give them time on a loaded machine.
describe('a questionnaire from consent to signature', { timeout: 60_000 }, () => {
  it('starts an elderly-mode draft that resumes at the same question with its answers after a reload', async () => {
    const draftId = await startElderlyInterview();
    expect(wrapper!.get('h1').text()).toBe('老年居民满意度问卷');
    expect(wrapper!.get('.elderly-toggle input').element).toHaveProperty('checked', true);
    expect(wrapper!.text()).toContain('第 1 题，共 18 题');
    // The intro's count is the form's, and its time follows from it (18 read aloud at 25 s each).
    expect(wrapper!.get('.intro').text()).toMatch(/（共 18 题，约需 8 分钟）$/);
    await wrapper!.get('.form-runner input[value="satisfied"]').setValue(true);
    await byText('button', '下一题').trigger('click');
    await wrapper!.get('.form-runner input[value="very_satisfied"]').setValue(true);
    await until(async () => expect((await getDraft(draftId))?.answers).toEqual({ sat_pb_org_service: 'satisfied', sat_pb_member_role: 'very_satisfied' }));
    expect((await getDraft(draftId))?.position).toBe(1);
    const draft = await getDraft(draftId);
    expect(draft).toMatchObject({ formId: 'resident-elderly', formVersion: 1, kind: 'response' });
    expect(draft?.context).toMatchObject({ householdId: assignedHouseholdId, communityId: 'yijiangmen-c01', subdistrictId: 'yijiangmen', roundId: '2026-H1', stage: 'questions' });

    await open(`/survey/drafts/${draftId}`);
    await until(() => expect(wrapper!.text()).toContain('第 2 题，共 18 题'));
    expect(wrapper!.get('legend').text()).toContain('身边的党员带头为大家做事');
    expect(wrapper!.get('.form-runner input[value="very_satisfied"]').element).toHaveProperty('checked', true);

    await open('/');
    await until(() => expect(wrapper!.get('section[aria-label="未完成的问卷"]').text()).toContain('挹江门示例第01社区 3栋2单元401室'));
    expect(wrapper!.get('section[aria-label="未完成的问卷"]').text()).toContain('已答 2 题');

    await open(`/survey/households/${assignedHouseholdId}`);
    await until(() => expect(byText('a', '继续未完成的问卷：老年居民满意度问卷').attributes('href')).toBe(`/survey/drafts/${draftId}`));
  });

  it('goes through the grid-worker branch, review and signature, and finalises everything in one write', async () => {
    const draftId = await startElderlyInterview();
    for (let screen = 0; screen < 16; screen += 1) await answerScreen(screen % 2 ? 'satisfied' : 'fair');
    expect(wrapper!.get('legend').text()).toContain('网格员到您家来看过您吗？');
    await answerScreen('yes');
    expect(wrapper!.get('legend').text()).toContain('网格员上门来看您，您满意吗？');
    await answerScreen('very_satisfied');
    await wrapper!.get('.form-runner input[value="noise_fumes"]').setValue(true);
    await wrapper!.get('.form-runner input[value="other"]').setValue(true);
    await byText('button', '下一题').trigger('click');
    expect(wrapper!.get('label[for]').text()).toContain('您说的“其他”问题是什么？');
    await byText('button', '完成，核对答案').trigger('click');
    expect(wrapper!.get('.issue').text()).toBe('这道题必须回答。');
    await wrapper!.get('.form-runner input[type="text"]').setValue('楼道灯不亮');
    await byText('button', '完成，核对答案').trigger('click');

    await until(() => expect(wrapper!.text()).toContain('请与受访者核对答案'));
    expect(wrapper!.get('.form-review').text()).toContain('楼道灯不亮');
    expect(wrapper!.get('.form-review').text()).toContain('噪声和油烟扰民、其他');
    await byText('button', '核对无误，请受访者签名').trigger('click');
    await until(() => expect(wrapper!.text()).toContain('受访者签名'));
    expect(wrapper!.get('.signature-pad .declaration').text()).toBe('我确认以上回答是我本人的真实意见。');
    await byText('button', '确认签名并保存').trigger('click');
    await until(() => expect(wrapper!.text()).toContain('签名板还是空的，请先签名。'));
    pads.at(-1)!.draw();
    await flushPromises();
    await byText('button', '确认签名并保存').trigger('click');
    await until(() => expect(wrapper!.text()).toContain('问卷和签名已保存在本机，等待同步。'));

    const [response] = await records('response');
    const [signature] = await records('signature');
    const [visit] = await records('visit');
    expect(response?.id).toBe(draftId);
    expect(validateRecord(response!)).toBeUndefined();
    expect(response?.data).toMatchObject({ questionnaireId: 'resident-elderly', questionnaireVersion: 1, audience: 'elderly', communityId: 'yijiangmen-c01', channel: 'field' });
    expect(response?.data.answers).toMatchObject({ grid_visited: true, sat_sd_grid_visits: 'very_satisfied', concerns: ['noise_fumes', 'other'], concerns_other: '楼道灯不亮' });
    expect(JSON.stringify(response?.data)).not.toContain(assignedHouseholdId);
    const bytes = new Uint8Array(await png.arrayBuffer());
    const blob = await appDatabase().blobs.get(sha256Hex(bytes));
    expect(blob?.uploadState).toBe('pending');
    expect(verifySignature(signature!, response!, bytes)).toBeUndefined();
    expect(visit?.data).toMatchObject({ householdId: assignedHouseholdId, outcome: 'completed', responseId: response!.id });
    expect(validateRecord(visit!)).toBeUndefined();
    expect(await getDraft(draftId)).toBeUndefined();

    await until(() => expect(wrapper!.get('section[aria-label="等待同步"]').text()).toContain('3 条记录保存在本机，等待同步'));
    await byText('a', '查看已完成的问卷（1份）').trigger('click');
    await until(() => expect(wrapper!.findAll('[data-response-row]')).toHaveLength(1));
    const row = wrapper!.get('[data-response-row]');
    expect(row.text()).toContain('老年居民');
    expect(row.text()).toContain('挹江门示例第01社区');
    expect(row.text()).toContain('已签名');
    expect(row.text()).toContain('等待同步');
  });

  it('records the reason when the resident declines to sign', async () => {
    const draftId = await startElderlyInterview();
    const interview = await getDraft(draftId);
    const answers = Object.fromEntries(
      (interview!.context.definition as { items: Array<{ id: string; kind: string }> }).items.filter((item) => item.kind === 'satisfaction').map((item) => [item.id, 'fair']),
    );
    await appDatabase().drafts.put({ ...interview!, answers: { ...answers, grid_visited: false }, context: { ...interview!.context, stage: 'signature' } });
    await open(`/survey/drafts/${draftId}`);
    await until(() => expect(wrapper!.text()).toContain('受访者不愿签字'));
    await byText('button', '受访者不愿签字').trigger('click');
    await wrapper!.get('.signature-pad textarea').setValue('不识字');
    await byText('button', '记录原因并保存').trigger('click');
    await until(() => expect(wrapper!.text()).toContain('问卷和签名已保存在本机'));
    const [response] = await records('response');
    const [signature] = await records('signature');
    expect(signature?.data).toMatchObject({ declinedReason: '不识字', signedHash: response!.hash });
    expect(signature?.data).not.toHaveProperty('blobHash');
    expect(await appDatabase().blobs.count()).toBe(0);
  });

  it('discards a draft only after confirmation', async () => {
    const draftId = await startElderlyInterview();
    await open('/');
    const drafts = () => wrapper!.get('section[aria-label="未完成的问卷"]');
    await until(() => expect(drafts().text()).toContain('3栋2单元401室'));
    await byText('button', '删除').trigger('click');
    expect(drafts().text()).toContain('确定删除这份未完成的问卷吗？');
    await until(() => expect(document.activeElement?.textContent).toBe('取消'));
    await byText('button', '取消').trigger('click');
    expect(await getDraft(draftId)).toBeDefined();
    await byText('button', '删除').trigger('click');
    await byText('button', '确认删除').trigger('click');
    await until(() => expect(drafts().text()).toContain('暂无内容'));
    expect(await getDraft(draftId)).toBeUndefined();
  });
});

describe('when the device will not write', { timeout: 60_000 }, () => {
  it('says the storage is full and keeps the answer on screen', async () => {
    const draftId = await startElderlyInterview();
    const quotaError = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const put = vi.spyOn(appDatabase().drafts, 'put').mockRejectedValue(quotaError);
    await wrapper!.get('.form-runner input[value="unsatisfied"]').setValue(true);
    await until(() => expect(wrapper!.get('.interview-page .error').text()).toContain('本机存储空间已满，没有保存成功。答案仍在屏幕上'));
    expect(wrapper!.get('.form-runner input[value="unsatisfied"]').element).toHaveProperty('checked', true);
    expect((await getDraft(draftId))?.answers).toEqual({});
    put.mockRestore();
    await byText('button', '重新保存').trigger('click');
    await until(async () => expect((await getDraft(draftId))?.answers).toEqual({ sat_pb_org_service: 'unsatisfied' }));
    expect(wrapper!.get('.interview-page .error').text()).toBe('');
  });

  it('reopens a connection the browser closed and retries once', async () => {
    const draftId = await startElderlyInterview();
    appDatabase().close();
    await wrapper!.get('.form-runner input[value="fair"]').setValue(true);
    await until(async () => expect((await getDraft(draftId))?.answers).toEqual({ sat_pb_org_service: 'fair' }));
    expect(wrapper!.get('.interview-page .error').text()).toBe('');
  });
});
