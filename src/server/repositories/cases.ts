import { sql, type SelectQueryBuilder, type Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Case, CaseCounts, CaseEvent, CaseFilter, Department, NegativeItem, RevisitTask } from '../../shared/cases/api';
import { districtDate } from '../../shared/cases/categories';
import { countCasesBySubdistrict } from '../../shared/cases/counts';
import { awaitingActionStates, isOverdue, type CaseState } from '../../shared/cases/machine';
import type { CasePlan } from '../../shared/cases/plan';
import { negativeAnswers, negativeItemId } from '../../shared/cases/negative-items';
import { questionnaireDefinitionSchema, questionnaireKey, type QuestionnaireDefinition } from '../../shared/questionnaire/definition';
import { responseDataSchema } from '../../shared/records';
import type { Role } from '../../shared/roles';
import type { Database } from '../db/database';
import { inTransaction } from '../db/helpers';
import type { CasesTable, DatabaseSchema, NegativeItemsTable } from '../db/schema';
import { createEntitiesRepository } from './entities';

type CaseRow = Selectable<CasesTable>;
type ItemRow = Selectable<NegativeItemsTable>;

/** Who an event names: the signed-in user who took the step, or the author of the device's record. */
export interface Author {
  id: string;
  role: Role;
}

export type CaseOutcome = { ok: true; case: Case } | { ok: false; problem: 'not_found' | 'forbidden' | 'conflict' | 'invalid'; message: string };

const insertChunk = 500;
const refused = (problem: 'not_found' | 'forbidden' | 'conflict' | 'invalid', message: string): CaseOutcome => ({ ok: false, problem, message });

function itemOf(row: ItemRow): NegativeItem {
  return {
    id: row.id,
    roundId: row.round_id,
    subdistrictId: row.subdistrict_id,
    communityId: row.community_id,
    source: row.source,
    indicatorId: row.indicator_id,
    category: row.category,
    text: row.text,
    responseCount: row.response_count,
    responseIds: JSON.parse(row.response_ids) as string[],
    caseId: row.case_id,
    withdrawnAt: row.withdrawn_at,
  };
}

function caseOf(row: CaseRow, itemIds: readonly string[], today: string): Case {
  return {
    id: row.id,
    roundId: row.round_id,
    title: row.title,
    category: row.category,
    state: row.state,
    subdistrictId: row.subdistrict_id,
    communityIds: JSON.parse(row.community_ids) as string[],
    departmentId: row.department_id,
    dueOn: row.due_on,
    overdue: isOverdue(row.state, row.due_on, today),
    itemIds: [...itemIds],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    assignedAt: row.assigned_at,
    reportedFixedAt: row.reported_fixed_at,
    departmentAcceptedAt: row.department_accepted_at,
    closedAt: row.closed_at,
  };
}

/** Which cases a user may see: the district's all (nothing given), an officer its sub-districts', a department those escalated to it. */
export interface CaseScope {
  subdistrictIds?: readonly string[];
  departmentIds?: readonly string[];
}

/** `text` matched literally inside a LIKE pattern ('!' escapes the wildcards). */
const likeLiteral = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

/** 1 when a case is overdue on `today` (the SQL form of the shared `isOverdue`), else 0. */
const overdueSql = (today: string) => sql<number>`case when state in (${sql.join([...awaitingActionStates])}) and due_on < ${today} then 1 else 0 end`;

/** The cases matching `filter` within `scope`, on `today` (which decides what is overdue). */
function filteredCases<O>(select: SelectQueryBuilder<DatabaseSchema, 'cases', O>, filter: CaseFilter, scope: CaseScope, today: string): SelectQueryBuilder<DatabaseSchema, 'cases', O> {
  let query = select;
  if (scope.subdistrictIds) query = query.where('subdistrict_id', 'in', [...scope.subdistrictIds]);
  if (scope.departmentIds) query = query.where('department_id', 'in', [...scope.departmentIds]);
  if (filter.roundId) query = query.where('round_id', '=', filter.roundId);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.subdistrictId) query = query.where('subdistrict_id', '=', filter.subdistrictId);
  if (filter.dueBefore) query = query.where('due_on', '<=', filter.dueBefore);
  // community_ids is a JSON array of ids: the id with its quotes is one element, never part of another.
  if (filter.communityId) query = query.where(sql<boolean>`community_ids like ${`%${likeLiteral(JSON.stringify(filter.communityId))}%`} escape '!'`);
  if (filter.overdue) query = query.where(overdueSql(today), '=', filter.overdue === 'true' ? 1 : 0);
  return query;
}

interface NewEvent {
  caseId: string;
  actor: Author | null;
  action: CaseEvent['action'];
  fromState: CaseState | null;
  toState: CaseState;
  note?: string | null | undefined;
  evidence?: readonly string[] | undefined;
  sourceRecordId?: string | null;
}

/** The revisit task of one community: one id per case and community, so a second report replaces it. */
export const revisitTaskId = (caseId: string, communityId: string) => `${caseId}.${communityId}`;

async function itemIdsOf(trx: Database, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const byCase = new Map<string, string[]>(caseIds.map((id) => [id, []]));
  for (let i = 0; i < caseIds.length; i += insertChunk) {
    const rows = await trx.selectFrom('negative_items').select(['id', 'case_id']).where('case_id', 'in', caseIds.slice(i, i + insertChunk)).orderBy('id').execute();
    for (const row of rows) byCase.get(row.case_id!)!.push(row.id);
  }
  return byCase;
}

/** The case as stored, on `today` (which decides whether it is overdue). */
async function readCase(trx: Database, caseId: string, today: string): Promise<Case | undefined> {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) return undefined;
  return caseOf(row, (await itemIdsOf(trx, [caseId])).get(caseId)!, today);
}

async function appendEvent(trx: Database, event: NewEvent, at: string): Promise<void> {
  await trx
    .insertInto('case_events')
    .values({
      id: uuidv7(),
      case_id: event.caseId,
      at,
      user_id: event.actor?.id ?? null,
      role: event.actor?.role ?? null,
      action: event.action,
      from_state: event.fromState,
      to_state: event.toState,
      note: event.note?.trim() || null,
      evidence: JSON.stringify(event.evidence ?? []),
      source_record_id: event.sourceRecordId ?? null,
    })
    .execute();
}

/** Items for a new case: all exist, none is in a case, one round and one sub-district. */
async function freeItems(trx: Database, itemIds: readonly string[]): Promise<{ ok: true; rows: ItemRow[] } | { ok: false; outcome: CaseOutcome }> {
  const unique = [...new Set(itemIds)];
  const rows = await trx.selectFrom('negative_items').selectAll().where('id', 'in', unique).execute();
  const missing = unique.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) return { ok: false, outcome: refused('invalid', `itemIds: no item ${missing.slice(0, 3).join(', ')}`) };
  const withdrawn = rows.find((row) => row.withdrawn_at !== null);
  if (withdrawn) return { ok: false, outcome: refused('conflict', `itemIds: ${withdrawn.id} was withdrawn (its responses were voided or superseded)`) };
  const taken = rows.filter((row) => row.case_id !== null);
  if (taken.length > 0) return { ok: false, outcome: refused('conflict', `itemIds: ${taken[0]!.id} is already in case ${taken[0]!.case_id}`) };
  if (new Set(rows.map((row) => `${row.round_id}|${row.subdistrict_id}`)).size > 1) return { ok: false, outcome: refused('invalid', 'itemIds: items of one case come from one round and one sub-district') };
  return { ok: true, rows };
}

async function insertCase(trx: Database, actor: Author, rows: readonly ItemRow[], title: string, category: string, at: string): Promise<string> {
  const id = uuidv7();
  const first = rows[0]!;
  await trx
    .insertInto('cases')
    .values({
      id,
      round_id: first.round_id,
      title,
      category,
      state: 'new',
      subdistrict_id: first.subdistrict_id,
      community_ids: JSON.stringify([...new Set(rows.map((row) => row.community_id))].sort()),
      department_id: null,
      due_on: null,
      created_at: at,
      updated_at: at,
      assigned_at: null,
      reported_fixed_at: null,
      department_accepted_at: null,
      closed_at: null,
    })
    .execute();
  await trx.updateTable('negative_items').set({ case_id: id }).where('id', 'in', rows.map((row) => row.id)).execute();
  await appendEvent(trx, { caseId: id, actor, action: 'create', fromState: null, toState: 'new' }, at);
  return id;
}

/** The re-visit tasks residents are asked through, one per community of the case. */
async function publishRevisitTasks(trx: Database, now: () => Date, current: Case, report: string | null, at: string): Promise<void> {
  const items = await trx.selectFrom('negative_items').select('text').where('case_id', '=', current.id).where('text', 'is not', null).limit(20).execute();
  const complaints = items.map((item) => item.text!);
  const tasks: RevisitTask[] = current.communityIds.map((communityId) => ({
    id: revisitTaskId(current.id, communityId),
    caseId: current.id,
    communityId,
    roundId: current.roundId,
    title: current.title,
    category: current.category,
    complaints,
    report,
    reportedFixedAt: at,
  }));
  await createEntitiesRepository(trx, now).save(tasks.map((task) => ({ kind: 'revisit_task', id: task.id, data: { ...task }, scope: { communityId: task.communityId } })));
}

async function withdrawRevisitTasks(trx: Database, now: () => Date, current: Case): Promise<void> {
  const entities = createEntitiesRepository(trx, now);
  for (const communityId of current.communityIds) await entities.remove('revisit_task', revisitTaskId(current.id, communityId));
}

/** The negative list: items built from counted responses, and what is left of them to triage. */
function negativeListRepository(db: Database, now: () => Date) {
  return {
    /**
     * Builds (or brings up to date) the round's negative items from its counted responses: a
     * community's dissatisfied answers on one indicator are one item, its concerns with one issue
     * another, each comment its own. Idempotent: items keep their ids and the case they are in.
     */
    async buildNegativeItems(roundId: string, dissatisfiedOptionIds: readonly string[]): Promise<{ items: number; responses: number }> {
      const questionnaires = new Map<string, QuestionnaireDefinition>();
      for (const row of await db.selectFrom('entities').select('data').where('kind', '=', 'questionnaire').execute()) {
        const definition = questionnaireDefinitionSchema.parse(JSON.parse(row.data));
        questionnaires.set(questionnaireKey(definition), definition);
      }
      const responses = await db
        .selectFrom('score_responses')
        .innerJoin('records', 'records.id', 'score_responses.record_id')
        .select(['records.id', 'records.data', 'score_responses.community_id', 'score_responses.subdistrict_id'])
        .where('score_responses.round_id', '=', roundId)
        .where('score_responses.counted', '=', 1)
        .execute();
      const items = new Map<string, Omit<NegativeItemsTable, 'response_ids' | 'response_count' | 'case_id' | 'withdrawn_at'> & { responseIds: Set<string> }>();
      for (const response of responses) {
        const data = responseDataSchema.parse(JSON.parse(response.data));
        const definition = questionnaires.get(`${data.questionnaireId}@${data.questionnaireVersion}`);
        if (!definition) continue;
        for (const answer of negativeAnswers(definition, data.answers, dissatisfiedOptionIds)) {
          const id = negativeItemId(roundId, response.community_id, response.id, answer);
          const item = items.get(id) ?? {
            id,
            round_id: roundId,
            subdistrict_id: response.subdistrict_id,
            community_id: response.community_id,
            source: answer.source,
            indicator_id: answer.indicatorId,
            category: answer.category,
            text: answer.text,
            responseIds: new Set<string>(),
          };
          item.responseIds.add(response.id);
          items.set(id, item);
        }
      }
      const rows = [...items.values()].map(({ responseIds, ...item }) => ({ ...item, response_ids: JSON.stringify([...responseIds].sort()), response_count: responseIds.size, case_id: null, withdrawn_at: null }));
      await inTransaction(db, async (trx) => {
        for (let i = 0; i < rows.length; i += insertChunk) {
          await trx
            .insertInto('negative_items')
            .values(rows.slice(i, i + insertChunk))
            .onConflict((oc) =>
              oc.column('id').doUpdateSet((eb) => ({ response_ids: eb.ref('excluded.response_ids'), response_count: eb.ref('excluded.response_count'), withdrawn_at: eb.ref('excluded.withdrawn_at') })),
            )
            .execute();
        }
        // An item none of whose responses still counts (all voided or superseded) is withdrawn, not
        // deleted: a case made from it keeps it, marked, and the triage list no longer offers it.
        const standing = await trx.selectFrom('negative_items').select('id').where('round_id', '=', roundId).where('withdrawn_at', 'is', null).execute();
        const gone = standing.map((row) => row.id).filter((id) => !items.has(id));
        const at = now().toISOString();
        for (let i = 0; i < gone.length; i += insertChunk) {
          await trx.updateTable('negative_items').set({ withdrawn_at: at }).where('id', 'in', gone.slice(i, i + insertChunk)).execute();
        }
      });
      return { items: rows.length, responses: responses.length };
    },
    async listItems(roundId: string, filter: { untriaged?: boolean; subdistrictId?: string }): Promise<NegativeItem[]> {
      let query = db.selectFrom('negative_items').selectAll().where('round_id', '=', roundId);
      if (filter.untriaged) query = query.where('case_id', 'is', null).where('withdrawn_at', 'is', null);
      if (filter.subdistrictId) query = query.where('subdistrict_id', '=', filter.subdistrictId);
      const rows = await query.orderBy('subdistrict_id').orderBy('community_id').orderBy('response_count', 'desc').orderBy('id').execute();
      return rows.map(itemOf);
    },
  };
}

/** The district's functional departments, which cases are escalated to. */
function departmentsRepository(db: Database) {
  return {
    async listDepartments(): Promise<Department[]> {
      const rows = await db.selectFrom('departments').selectAll().orderBy('id').execute();
      return rows.map((row) => ({ id: row.id, nameZh: row.name_zh, nameEn: row.name_en, synthetic: row.synthetic === 1, active: row.active === 1 }));
    },
    /** Adds or renames a department (reference data the administrator edits). */
    async saveDepartment(department: Department): Promise<void> {
      const row = { id: department.id, name_zh: department.nameZh, name_en: department.nameEn, synthetic: department.synthetic ? 1 : 0 };
      await db.insertInto('departments').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ name_zh: row.name_zh, name_en: row.name_en, synthetic: row.synthetic })).execute();
    },
  };
}

/** Cases as their pages, badges, counts and the round's deduction read them. */
function caseReadsRepository(db: Database, now: () => Date) {
  return {
    find: (caseId: string) => readCase(db, caseId, districtDate(now())),

    async events(caseId: string): Promise<CaseEvent[]> {
      const rows = await db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
      return rows.map((row) => ({
        id: row.id,
        caseId: row.case_id,
        at: row.at,
        userId: row.user_id,
        role: row.role,
        action: row.action as CaseEvent['action'],
        fromState: row.from_state,
        toState: row.to_state,
        note: row.note,
        evidence: JSON.parse(row.evidence) as string[],
      }));
    },
    async itemsOf(caseId: string): Promise<NegativeItem[]> {
      return (await db.selectFrom('negative_items').selectAll().where('case_id', '=', caseId).orderBy('id').execute()).map(itemOf);
    },
    /**
     * One page of the cases matching `filter` within `scope`, in work order (`compareForWork`:
     * overdue first, then due soonest, none last, then newest, then id), and how many match in all.
     */
    async page(filter: CaseFilter, scope: CaseScope, page: { offset: number; limit: number }): Promise<{ cases: Case[]; total: number }> {
      const today = districtDate(now());
      // The page's ids first: the sort then carries ids and sort keys only, not whole rows, which
      // matters for a page far down a long list.
      const pageIds = await filteredCases(db.selectFrom('cases').select('id'), filter, scope, today)
        .orderBy(overdueSql(today), 'desc')
        .orderBy(sql`case when due_on is null then 1 else 0 end`)
        .orderBy('due_on')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      const byId = new Map(pageIds.length === 0 ? [] : (await db.selectFrom('cases').selectAll().where('id', 'in', pageIds.map((row) => row.id)).execute()).map((row) => [row.id, row]));
      const rows = pageIds.map((row) => byId.get(row.id)!);
      const counted = await filteredCases(db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')), filter, scope, today).executeTakeFirstOrThrow();
      const items = await itemIdsOf(db, rows.map((row) => row.id));
      return { cases: rows.map((row) => caseOf(row, items.get(row.id)!, today)), total: Number(counted.n) };
    },
    /** What the home badges count (`caseBadge`), read as three columns of the scope's cases. */
    async badgeCases(scope: CaseScope): Promise<Pick<Case, 'state' | 'dueOn' | 'overdue' | 'departmentAcceptedAt'>[]> {
      const today = districtDate(now());
      const rows = await filteredCases(db.selectFrom('cases').select(['state', 'due_on', 'department_accepted_at']), {}, scope, today)
        .where('state', 'in', [...awaitingActionStates])
        .execute();
      return rows.map((row) => ({ state: row.state, dueOn: row.due_on, overdue: isOverdue(row.state, row.due_on, today), departmentAcceptedAt: row.department_accepted_at }));
    },
    /** Per sub-district: open (waiting on it or a department), overdue, reported fixed and confirmed. */
    async counts(roundId: string | undefined, subdistrictIds: readonly string[] | undefined): Promise<CaseCounts[]> {
      let select = db.selectFrom('cases').select(['subdistrict_id', 'state', 'due_on']);
      if (roundId) select = select.where('round_id', '=', roundId);
      if (subdistrictIds) select = select.where('subdistrict_id', 'in', [...subdistrictIds]);
      const rows = await select.execute();
      return countCasesBySubdistrict(
        rows.map((row) => ({ subdistrictId: row.subdistrict_id, state: row.state, dueOn: row.due_on })),
        districtDate(now()),
      );
    },
    /**
     * SCORING.md's deduction input: per sub-district, the round's cases that were past due and not
     * closed when the round closed (`closedAt`), each in the state its history gives at that moment.
     */
    async overdueAtClose(roundId: string, closedAt: string): Promise<Map<string, number>> {
      const cases = await db.selectFrom('cases').select(['id', 'subdistrict_id', 'due_on']).where('round_id', '=', roundId).where('due_on', 'is not', null).execute();
      const stateAtClose = new Map<string, CaseState>();
      const events = await db
        .selectFrom('case_events')
        .innerJoin('cases', 'cases.id', 'case_events.case_id')
        .select(['case_events.case_id', 'case_events.to_state'])
        .where('cases.round_id', '=', roundId)
        .where('case_events.at', '<=', closedAt)
        .orderBy('case_events.at')
        .orderBy('case_events.id')
        .execute();
      for (const event of events) stateAtClose.set(event.case_id, event.to_state);
      const closedOn = districtDate(new Date(closedAt));
      const overdue = new Map<string, number>();
      for (const row of cases) {
        const state = stateAtClose.get(row.id);
        if (state && isOverdue(state, row.due_on, closedOn)) overdue.set(row.subdistrict_id, (overdue.get(row.subdistrict_id) ?? 0) + 1);
      }
      return overdue;
    },
  };
}

/**
 * Triage and the steps of a case: each step is decided by `planStep` (shared/cases/plan.ts) and
 * kept as an append-only event; a step updates the case only from the state it was read in, so two
 * concurrent steps never both apply.
 */
function caseStepsRepository(db: Database, now: () => Date) {
  const find = (trx: Database, caseId: string) => readCase(trx, caseId, districtDate(now()));

  /**
   * Writes what `plan` says, from the state the case was read in, so that two concurrent steps never
   * both apply: the case's fields, its events, then the re-visit tasks the step publishes or withdraws.
   */
  async function write(trx: Database, actor: Author, current: Case, plan: CasePlan): Promise<CaseOutcome> {
    const { changes } = plan;
    const row: Partial<CasesTable> = { state: changes.state, updated_at: changes.updatedAt };
    if (changes.category !== undefined) row.category = changes.category;
    if (changes.assignedAt !== undefined) row.assigned_at = changes.assignedAt;
    if (changes.dueOn !== undefined) row.due_on = changes.dueOn;
    if (changes.departmentId !== undefined) row.department_id = changes.departmentId;
    if (changes.departmentAcceptedAt !== undefined) row.department_accepted_at = changes.departmentAcceptedAt;
    if (changes.reportedFixedAt !== undefined) row.reported_fixed_at = changes.reportedFixedAt;
    if (changes.closedAt !== undefined) row.closed_at = changes.closedAt;
    const updated = await trx.updateTable('cases').set(row).where('id', '=', current.id).where('state', '=', plan.from).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return refused('conflict', 'the case changed meanwhile; reload it');
    for (const event of plan.events) await appendEvent(trx, { caseId: current.id, actor, ...event }, changes.updatedAt);
    const after = (await find(trx, current.id))!;
    for (const effect of plan.effects) {
      if (effect.kind === 'publish_revisit_tasks') await publishRevisitTasks(trx, now, after, effect.report, changes.updatedAt);
      else await withdrawRevisitTasks(trx, now, after);
    }
    return { ok: true, case: after };
  }

  return {
    /** Merge: one new case from one or more untriaged items. */
    async create(actor: Author, body: { itemIds: readonly string[]; title: string; category: string }): Promise<CaseOutcome> {
      return inTransaction(db, async (trx) => {
        const items = await freeItems(trx, body.itemIds);
        if (!items.ok) return items.outcome;
        const id = await insertCase(trx, actor, items.rows, body.title, body.category, now().toISOString());
        return { ok: true, case: (await find(trx, id))! };
      });
    },

    /** Split: some items of a new case become a new case of their own (same category). */
    async split(actor: Author, caseId: string, body: { itemIds: readonly string[]; title: string }): Promise<CaseOutcome> {
      return inTransaction(db, async (trx) => {
        const current = await find(trx, caseId);
        if (!current) return refused('not_found', `no case ${caseId}`);
        if (current.state !== 'new') return refused('conflict', `a case that is ${current.state} cannot be split`);
        const moving = [...new Set(body.itemIds)];
        if (moving.some((id) => !current.itemIds.includes(id))) return refused('invalid', 'itemIds: split only items of this case');
        if (moving.length === current.itemIds.length) return refused('invalid', 'itemIds: leave at least one item in the case');
        await trx.updateTable('negative_items').set({ case_id: null }).where('id', 'in', moving).execute();
        const rows = await trx.selectFrom('negative_items').selectAll().where('id', 'in', moving).execute();
        const at = now().toISOString();
        const id = await insertCase(trx, actor, rows, body.title, current.category, at);
        const remaining = await trx.selectFrom('negative_items').select('community_id').where('case_id', '=', caseId).execute();
        await trx.updateTable('cases').set({ community_ids: JSON.stringify([...new Set(remaining.map((r) => r.community_id))].sort()), updated_at: at }).where('id', '=', caseId).execute();
        await appendEvent(trx, { caseId, actor, action: 'split', fromState: 'new', toState: 'new', note: id }, at);
        return { ok: true, case: (await find(trx, id))! };
      });
    },

    /**
     * Writes a step `planStep` decided on `current` (as read by the transitions route, or by the push
     * for a device's record, in its transaction): refused as a conflict if the case has moved on since.
     */
    apply: (actor: Author, current: Case, plan: CasePlan): Promise<CaseOutcome> => inTransaction(db, (trx) => write(trx, actor, current, plan)),
  };
}

/** The negative list and its cases: one repository, in four parts that share no state. */
export function createCasesRepository(db: Database, now: () => Date) {
  return { ...negativeListRepository(db, now), ...departmentsRepository(db), ...caseReadsRepository(db, now), ...caseStepsRepository(db, now) };
}
export type CasesRepository = ReturnType<typeof createCasesRepository>;
