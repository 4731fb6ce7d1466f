import { createHmac } from 'node:crypto';
import { z } from 'zod/mini';
import { questionnaireKey, type QuestionnaireDefinition } from '../../../shared/questionnaire/definition';
import { responseDataSchema } from '../../../shared/records';
import framework from '../../../shared/reference/evaluation-framework.json';
import type { RoundScores } from '../../../shared/rounds/api';
import { negativeListDeduction } from '../../../shared/scoring/composite';
import { scoringChannelOf, scoringSettingsSchema, type ScoringSettings } from '../../../shared/scoring/settings';
import type { Sheet, Table } from '../../downloads';
import type { Repositories } from '../../repositories';
import type { StoredRound } from '../../repositories/rounds';

/** The tables of a round's downloads, built from the store; the routes only send them. */

/**
 * The columns before the items: ids, the cell (channel, audience), a pseudonymous worker id, the
 * settings version and whether the response counts. What each means, and each code, is in the codebook.
 */
const fixedResponseColumns = ['responseId', 'subdistrictId', 'communityId', 'channel', 'audience', 'questionnaireId', 'questionnaireVersion', 'workerId', 'settingsVersion', 'counts', 'notCountedReason'];

/** Meaning of each fixed column, and the codes of those that have codes (Chinese, as the codebook's labels). */
const fixedColumnLabels: Record<string, { label: string; codes?: Record<string, string> }> = {
  responseId: { label: '答卷编号' },
  subdistrictId: { label: '街道代码' },
  communityId: { label: '社区代码' },
  channel: { label: '渠道（纸质问卷按入户计权）', codes: { field: '入户', paper: '纸质问卷（录入，按入户计）', online: '线上' } },
  audience: { label: '对象', codes: { elderly: '老年居民', adult: '中青年居民', work_unit: '驻区单位' } },
  questionnaireId: { label: '问卷代码' },
  questionnaireVersion: { label: '问卷版本' },
  workerId: { label: '调查员假名编号（本轮内固定，不是登录名；线上答卷为空）' },
  settingsVersion: { label: '评分设置版本' },
  counts: { label: '是否计入得分', codes: { '1': '计入', '0': '不计入' } },
  notCountedReason: {
    label: '不计入的原因（计入时为空）',
    codes: { not_scored: '无对应轮次或问卷版本，未评分', voided: '已作废', superseded: '已被同一调查员的更正答卷替代', late_pending: '截止后收到，尚待决定', late_excluded: '截止后收到，已决定不计入' },
  },
};

async function parsedRoundResponses(repos: Repositories, roundId: string) {
  return (await repos.scores.roundResponses(roundId)).map((r) => ({ ...r, data: responseDataSchema.parse(JSON.parse(r.data)) }));
}

function questionnaireKeysOf(responses: ReadonlyArray<{ data: { questionnaireId: string; questionnaireVersion: number } }>): Set<string> {
  return new Set(responses.map((r) => `${r.data.questionnaireId}@${r.data.questionnaireVersion}`));
}

/** HMAC-SHA256 of the author id under the round's key, 16 hex digits: stable within the round, unlinkable to the login. */
function pseudonymOf(key: Buffer, authorId: string): string {
  return createHmac('sha256', key).update(authorId).digest('hex').slice(0, 16);
}

/**
 * One row per folded response of the round (counted or not, and why not) and one column per item id
 * with the answer's option id(s); no address, name, login or device. Online responses have no worker.
 */
export async function responsesTable(repos: Repositories, stored: StoredRound): Promise<{ table: Table; used: Set<string> }> {
  const roundId = stored.summary.id;
  const responses = await parsedRoundResponses(repos, roundId);
  const definitions = await repos.scores.questionnaires();
  const key = await repos.scores.workerPseudonymKey(roundId);
  const used = questionnaireKeysOf(responses);
  const itemIds = [...new Set([...used].flatMap((id) => definitions.get(id)?.items.map((item) => item.id) ?? []))];
  const cell = (value: unknown) => (value === undefined ? null : Array.isArray(value) ? value.join(';') : typeof value === 'boolean' ? String(value) : (value as string | number));
  const table = {
    columns: [...fixedResponseColumns, ...itemIds],
    rows: responses.map(({ id, subdistrictId, authorId, data, notCountedReason }) => [
      id,
      subdistrictId,
      data.communityId,
      data.channel,
      data.audience,
      data.questionnaireId,
      data.questionnaireVersion,
      scoringChannelOf(data.channel) === 'field' ? pseudonymOf(key, authorId) : null,
      stored.summary.settingsVersion,
      notCountedReason === null ? 1 : 0,
      notCountedReason,
      ...itemIds.map((itemId) => cell(data.answers[itemId])),
    ]),
  };
  return { table, used };
}

/** The questionnaire versions (`id@version`) the round's responses answered. */
export async function questionnairesUsed(repos: Repositories, roundId: string): Promise<Set<string>> {
  return questionnaireKeysOf(await parsedRoundResponses(repos, roundId));
}

/** The codebook of the questionnaire versions in `used`, under the round's settings. */
export async function codebookOf(repos: Repositories, stored: StoredRound, used: ReadonlySet<string>): Promise<Table> {
  const definitions = [...(await repos.scores.questionnaires()).values()].filter((d) => used.has(questionnaireKey(d)));
  return codebookTable(definitions, stored.settings);
}

const codebookColumns = ['questionnaireId', 'questionnaireVersion', 'itemId', 'kind', 'indicatorId', 'dimensionId', 'evaluation', 'level', 'optionId', 'score', 'label', 'optionLabel'];

/**
 * Every column of the response export and its codes: first the fixed columns (kind "column"), then
 * one row per item and option of each questionnaire version used, with its score under the round's settings.
 */
function codebookTable(definitions: readonly QuestionnaireDefinition[], settings: ScoringSettings): Table {
  const dimensionOf = new Map(settings.dimensions.flatMap((d) => d.indicators.map((i) => [i.id, d.id] as const)));
  const scaleLabels = new Map<string, string>(framework.satisfactionScale.options.map((option) => [option.id, option.zh]));
  const fixed = fixedResponseColumns.flatMap((column) => {
    const { label, codes } = fixedColumnLabels[column]!;
    const base = [null, null, column, 'column', null, null, null, null];
    if (!codes) return [[...base, null, null, label, null]];
    return Object.entries(codes).map(([code, codeLabel]) => [...base, code, null, label, codeLabel]);
  });
  return {
    columns: codebookColumns,
    rows: [
      ...fixed,
      ...definitions.flatMap((definition) =>
        definition.items.flatMap((item) => {
          const base = [definition.id, definition.version, item.id, item.kind, item.indicatorId ?? null, item.indicatorId ? (dimensionOf.get(item.indicatorId) ?? null) : null, item.evaluation, item.level];
          // Satisfaction items answer on the round's scale; other items list their own options, unscored.
          if (item.kind === 'satisfaction') return settings.scale.map((entry) => [...base, entry.optionId, entry.score ?? 'excluded', item.text.zh, scaleLabels.get(entry.optionId) ?? null]);
          const options = item.options ?? [];
          if (options.length === 0) return [[...base, null, null, item.text.zh, null]];
          return options.map((option) => [...base, option.id, null, item.text.zh, option.label.zh]);
        }),
      ),
    ],
  };
}

/** The round's settings, one row per number (weights, scale, thresholds), for a sheet. */
export function settingsTable(settings: ScoringSettings, settingsVersion: number): Table {
  const rows: Table['rows'] = [['settingsVersion', '', settingsVersion, '评分设置版本']];
  for (const entry of settings.scale) rows.push(['scale', entry.optionId, entry.score ?? 'excluded', '答案得分（excluded：不计分）']);
  for (const dimension of settings.dimensions) {
    rows.push(['dimensionWeight', dimension.id, dimension.weight, '维度权重（按已答维度归一）']);
    for (const indicator of dimension.indicators) rows.push(['indicatorWeight', indicator.id, indicator.weight, `指标在维度 ${dimension.id} 内的权重`]);
  }
  for (const [channel, weight] of Object.entries(settings.channelWeights)) rows.push(['channelWeight', channel, weight, '渠道权重']);
  for (const [audience, weight] of Object.entries(settings.audienceWeights)) rows.push(['audienceWeight', audience, weight, '对象权重（单元格权重 = 渠道权重 × 对象权重）']);
  rows.push(
    ['specialWeight', '', settings.specialWeight, '专项特色指标权重'],
    ['deductionPerOverdueItem', '', settings.deductionPerOverdueItem, '每件逾期负面清单扣分'],
    ['maximumDeduction', '', settings.maximumDeduction, '扣分上限'],
    ['publicMinimumGroupSize', '', settings.publicMinimumGroupSize, '公开页面最少答卷数'],
    ['confidenceLevel', '', settings.confidenceLevel, '置信水平'],
    ['funnelInner', '', settings.funnelLevels.inner, '漏斗图内限'],
    ['funnelOuter', '', settings.funnelLevels.outer, '漏斗图外限'],
    ['hotIssueItemId', '', settings.hotIssueItemId, '居民最关心问题的题目'],
  );
  for (const id of settings.dissatisfiedOptionIds) rows.push(['dissatisfiedOption', id, 1, '计为不满意的答案']);
  return { columns: ['setting', 'id', 'value', 'label'], rows };
}

export const roundExportFileSchema = z.object({
  roundId: z.string(),
  state: z.string(),
  settingsVersion: z.number(),
  settings: scoringSettingsSchema,
  subdistricts: z.array(z.object({ subdistrictId: z.string(), name: z.string(), overdueItems: z.number(), deduction: z.number() })),
});

/** The round as the recomputation needs it: settings, their version, and each sub-district's negative-list deduction. */
export async function roundFile(repos: Repositories, stored: StoredRound) {
  const closedAt = stored.summary.closedAt;
  const overdue = closedAt === null ? new Map<string, number>() : await repos.cases.overdueAtClose(stored.summary.id, closedAt);
  const subdistricts = await repos.organisation.listSubdistricts();
  return {
    roundId: stored.summary.id,
    state: stored.summary.state,
    settingsVersion: stored.summary.settingsVersion,
    settings: stored.settings,
    subdistricts: subdistricts.map((s) => {
      const overdueItems = overdue.get(s.id) ?? 0;
      return { subdistrictId: s.id, name: s.nameZh, overdueItems, deduction: negativeListDeduction(overdueItems, stored.settings) };
    }),
  };
}

export type ScoredUnit = RoundScores['units'][number] & { level: 'subdistrict' | 'community' };

const scoreColumns = ['level', 'unitId', 'name', 'score', 'n', 'ciLow', 'ciHigh', 'rankBest', 'rankWorst', 'outlier', 'positive', 'special', 'deduction', 'reason', 'se', 'designEffect', 'effectiveN'];

/** 全部得分 for a spreadsheet user: Chinese headers; scores rounded as shown (one decimal) with full precision beside them. */
const scoreSheetColumns = ['层级', '单位代码', '名称', '得分', '得分（完整精度）', '答卷数', '95%区间下限', '95%区间上限', '标准误', '设计效应', '有效样本量', '排名（最好）', '排名（最差）', '漏斗图离群', '正向评价', '专项特色', '扣分', '无得分原因'];

const scoreCodes: Table = {
  columns: ['列', '代码', '含义'],
  rows: [
    ['层级', 'subdistrict', '街道'],
    ['层级', 'community', '社区'],
    ['漏斗图离群', 'above', '高于 99.8% 控制限'],
    ['漏斗图离群', 'below', '低于 99.8% 控制限'],
    ['无得分原因', 'no_cell_with_two_scores', '没有一个单元格有至少两份有得分的答卷'],
    ['设计效应', '', '设计方差 ÷ 简单随机抽样方差：社区内居民和同一调查员的答卷相似，精度低于同样数量的独立样本'],
    ['有效样本量', '', '答卷数 ÷ 设计效应：精度相当的独立样本数'],
  ],
};

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** The scores as the CSV gives them: codes and full precision, for programs. */
export function scoresCsvTable(units: readonly ScoredUnit[]): Table {
  return {
    columns: scoreColumns,
    rows: units.map((u) => [u.level, u.unitId, u.name, u.score, u.n, u.ciLow, u.ciHigh, u.rankBest, u.rankWorst, u.outlier, u.parts.positive, u.parts.special, u.parts.deduction, u.reason, u.se, u.designEffect, u.effectiveN]),
  };
}

/** The workbook's 全部得分 and 代码表 sheets. */
export function scoresSheets(units: readonly ScoredUnit[]): Sheet[] {
  const rows = units.map((u) => [
    u.level, u.unitId, u.name, round1(u.score), u.score, u.n, round1(u.ciLow), round1(u.ciHigh), round2(u.se), round2(u.designEffect), u.effectiveN === null ? null : Math.round(u.effectiveN),
    u.rankBest, u.rankWorst, u.outlier, round1(u.parts.positive), round1(u.parts.special), u.parts.deduction, u.reason,
  ]);
  return [
    { name: '全部得分', table: { columns: scoreSheetColumns, rows } },
    { name: '代码表', table: scoreCodes },
  ];
}
