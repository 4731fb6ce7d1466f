import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import type { SessionUser } from '../../../shared/auth';
import {
  buildNegativeListSchema,
  caseBadgeSchema,
  caseCountListSchema,
  caseDetailSchema,
  caseFilterSchema,
  caseIdParams,
  caseListSchema,
  caseQuerySchema,
  caseSchema,
  caseTransitionSchema,
  departmentListSchema,
  departmentUpdateSchema,
  negativeItemListSchema,
  negativeItemQuerySchema,
  newCaseSchema,
  defaultCasePageSize,
  splitCaseSchema,
  type Case,
  type CaseFilter,
} from '../../../shared/cases/api';
import { caseBadge } from '../../../shared/cases/badges';
import { planStep } from '../../../shared/cases/plan';
import { districtDate } from '../../../shared/cases/categories';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { roundIdSchema } from '../../../shared/organisation';
import { boundedText } from '../../../shared/records';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { CaseOutcome, CaseScope } from '../../repositories/cases';
import { sendCsv, sendXlsx, type Table } from '../../downloads';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const bearer = [{ bearer: [] }];
const tags = ['cases'];
const statusOf = { not_found: 404, forbidden: 403, conflict: 409, invalid: 400 } as const;
const codeOf = { not_found: errorCodes.notFound, forbidden: errorCodes.forbidden, conflict: errorCodes.conflict, invalid: errorCodes.invalidRequest } as const;

function changed(outcome: CaseOutcome): { case: Case } {
  if (outcome.ok) return { case: outcome.case };
  throw new HttpError(statusOf[outcome.problem], codeOf[outcome.problem], outcome.message);
}

/** Cases a user may see: the district's all; an officer its sub-district's; a department those escalated to it. */
function caseScope(user: SessionUser): CaseScope {
  if (user.scope.level === 'subdistrict') return { subdistrictIds: user.scope.ids };
  if (user.scope.level === 'department') return { departmentIds: user.scope.ids };
  return {};
}

function maySee(user: SessionUser, seen: Case): boolean {
  const scope = caseScope(user);
  if (scope.subdistrictIds && !scope.subdistrictIds.includes(seen.subdistrictId)) return false;
  return !scope.departmentIds || (seen.departmentId !== null && scope.departmentIds.includes(seen.departmentId));
}

const exportColumns = ['caseId', 'roundId', 'title', 'category', 'state', 'subdistrictId', 'communityIds', 'departmentId', 'dueOn', 'overdue', 'items', 'createdAt', 'assignedAt', 'reportedFixedAt', 'departmentAcceptedAt', 'closedAt', 'updatedAt'];

/** Rows read per query while exporting: the export holds every matching case, read a chunk at a time. */
const exportChunk = 1000;

async function casesTable(repos: Repositories, filter: CaseFilter): Promise<Table> {
  const rows: Table['rows'] = [];
  for (let offset = 0; ; offset += exportChunk) {
    const { cases } = await repos.cases.page(filter, {}, { offset, limit: exportChunk });
    rows.push(...cases.map((c) => [c.id, c.roundId, c.title, c.category, c.state, c.subdistrictId, c.communityIds.join(';'), c.departmentId, c.dueOn, c.overdue ? 'yes' : 'no', c.itemIds.length, c.createdAt, c.assignedAt, c.reportedFixedAt, c.departmentAcceptedAt, c.closedAt, c.updatedAt]));
    if (cases.length < exportChunk) return { columns: exportColumns, rows };
  }
}

/** The negative list, its cases and the district's departments. */
export const caseRoutes: FastifyPluginAsync<{ repos: Repositories; now: () => Date }> = async (app, { repos, now }) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const supervisors = authenticate(repos.sessions, ['supervisor']);
  const managers = authenticate(repos.sessions, ['supervisor', 'admin']);
  const office = authenticate(repos.sessions, ['subdistrict_officer', 'supervisor', 'admin']);
  const caseUsers = authenticate(repos.sessions, ['subdistrict_officer', 'supervisor', 'admin', 'department']);

  /** 404 alike for "absent" and "outside your scope", so a case's existence is not revealed. */
  async function visibleCase(user: SessionUser, caseId: string): Promise<Case> {
    const found = await repos.cases.find(caseId);
    if (!found || !maySee(user, found)) throw new HttpError(404, errorCodes.notFound, `no case ${caseId}`);
    return found;
  }

  typed.get(
    '/api/departments',
    { schema: { summary: 'The district’s functional departments (职能部门), to escalate cases to', tags, security: bearer, response: { 200: departmentListSchema, ...errors } }, onRequest: caseUsers },
    async () => ({ departments: await repos.cases.listDepartments() }),
  );

  typed.put(
    '/api/departments/:departmentId',
    {
      schema: { summary: 'Add or rename a department (administrator)', tags, security: bearer, params: z.object({ departmentId: boundedText(100, 1) }), body: departmentUpdateSchema, response: { 200: departmentListSchema, ...errors } },
      onRequest: authenticate(repos.sessions, ['admin']),
    },
    async (request) => {
      await repos.cases.saveDepartment({ id: request.params.departmentId, ...request.body, synthetic: false });
      await repos.audit.record(request.user!.id, 'department.save', { departmentId: request.params.departmentId, ...request.body });
      return { departments: await repos.cases.listDepartments() };
    },
  );

  typed.post(
    '/api/rounds/:roundId/negative-list',
    {
      schema: {
        summary: 'Build or bring up to date the round’s negative items from its counted responses',
        description: 'Dissatisfied answers and concerns are gathered per community and indicator or issue; each comment is its own item. Items keep their ids and cases.',
        tags,
        security: bearer,
        params: z.object({ roundId: roundIdSchema }),
        response: { 200: buildNegativeListSchema, ...errors },
      },
      onRequest: supervisors,
    },
    async (request) => {
      const { roundId } = request.params;
      const round = await repos.rounds.find(roundId);
      if (!round) throw new HttpError(404, errorCodes.notFound, `no round ${roundId}`);
      await repos.scores.fold();
      const built = await repos.cases.buildNegativeItems(roundId, round.settings.dissatisfiedOptionIds);
      await repos.audit.record(request.user!.id, 'negative_list.build', { roundId, ...built });
      return { roundId, ...built };
    },
  );

  typed.get(
    '/api/rounds/:roundId/negative-items',
    {
      schema: {
        summary: 'The round’s negative items: what residents said, where (community), never the address or the resident',
        description: 'A sub-district officer gets its own sub-district’s items only.',
        tags,
        security: bearer,
        params: z.object({ roundId: roundIdSchema }),
        querystring: negativeItemQuerySchema,
        response: { 200: negativeItemListSchema, ...errors },
      },
      onRequest: office,
    },
    async (request) => {
      const user = request.user!;
      const requested = request.query.subdistrictId;
      if (user.scope.level === 'subdistrict' && requested !== undefined && !user.scope.ids.includes(requested)) throw new HttpError(403, errorCodes.forbidden, `subdistrictId: ${requested} is outside your sub-district`);
      const subdistrictId = user.scope.level === 'subdistrict' ? (requested ?? user.scope.ids[0]) : requested;
      const items = await repos.cases.listItems(request.params.roundId, { untriaged: request.query.untriaged === 'true', ...(subdistrictId ? { subdistrictId } : {}) });
      return { roundId: request.params.roundId, items };
    },
  );

  typed.get(
    '/api/cases',
    {
      schema: {
        summary: 'A page of the cases in your scope, overdue and due first',
        description:
          'Supervisors and administrators see all; an officer its sub-district’s; a department the cases escalated to it. Filters: state, category, community, sub-district, ' +
          `due date (dueBefore), overdue. Order: overdue first, then due soonest (no due date last), then newest. Paged by offset: \`limit\` (default ${defaultCasePageSize}, ` +
          'at most 200) cases from `offset` (default 0); `total` counts every match and `nextOffset` is the next page’s offset, null on the last.',
        tags,
        security: bearer,
        querystring: caseQuerySchema,
        response: { 200: caseListSchema, ...errors },
      },
      onRequest: caseUsers,
    },
    async (request) => {
      const { limit = defaultCasePageSize, offset = 0, ...filter } = request.query;
      const { cases, total } = await repos.cases.page(filter, caseScope(request.user!), { offset, limit });
      return { cases, total, offset, limit, nextOffset: offset + cases.length < total ? offset + cases.length : null };
    },
  );

  typed.get(
    '/api/cases/badge',
    {
      schema: {
        summary: 'What your home badge counts: new cases waiting for you, due within 7 days, overdue',
        description: 'New: assigned or reopened for an officer, escalated and not yet accepted (报到) for a department. Within your scope, as GET /api/cases.',
        tags,
        security: bearer,
        response: { 200: caseBadgeSchema, ...errors },
      },
      onRequest: caseUsers,
    },
    async (request) => {
      const today = districtDate(now());
      return { today, ...caseBadge(await repos.cases.badgeCases(caseScope(request.user!)), request.user!.role, today) };
    },
  );

  typed.post(
    '/api/cases',
    { schema: { summary: 'Triage: make one case of one or more untriaged items (merge)', tags, security: bearer, body: newCaseSchema, response: { 201: z.object({ case: caseSchema }), ...errors } }, onRequest: supervisors },
    async (request, reply) => reply.code(201).send(changed(await repos.cases.create(request.user!, request.body))),
  );

  typed.get(
    '/api/cases/counts',
    { schema: { summary: 'Per sub-district: open, overdue, reported fixed and confirmed cases', tags, security: bearer, querystring: z.object({ roundId: z.optional(roundIdSchema) }), response: { 200: caseCountListSchema, ...errors } }, onRequest: office },
    async (request) => {
      const scope = caseScope(request.user!);
      return { today: districtDate(now()), counts: await repos.cases.counts(request.query.roundId, scope.subdistrictIds) };
    },
  );

  typed.get(
    '/api/cases/export.:format',
    {
      schema: {
        summary: 'Every case matching the filters, with their timestamps (CSV with BOM, or XLSX), in work order',
        description: 'The filters of GET /api/cases; not paged: the export holds all matching cases.',
        tags: ['exports'],
        security: bearer,
        params: z.object({ format: z.enum(['csv', 'xlsx']) }),
        querystring: caseFilterSchema,
        response: { 401: errorBodySchema, 403: errorBodySchema },
      },
      onRequest: managers,
    },
    async (request, reply) => {
      const table = await casesTable(repos, request.query);
      const name = `cases.${request.params.format}`;
      return request.params.format === 'csv' ? sendCsv(reply, name, table) : sendXlsx(reply, name, [{ name: 'cases', table }]);
    },
  );

  typed.get(
    '/api/cases/:caseId',
    { schema: { summary: 'A case with its items and its timeline', tags, security: bearer, params: caseIdParams, response: { 200: caseDetailSchema, ...errors } }, onRequest: caseUsers },
    async (request) => {
      const found = await visibleCase(request.user!, request.params.caseId);
      return { case: found, events: await repos.cases.events(found.id), items: await repos.cases.itemsOf(found.id) };
    },
  );

  typed.post(
    '/api/cases/:caseId/split',
    { schema: { summary: 'Triage: these items of a new case become a case of their own', tags, security: bearer, params: caseIdParams, body: splitCaseSchema, response: { 201: z.object({ case: caseSchema }), ...errors } }, onRequest: supervisors },
    async (request, reply) => reply.code(201).send(changed(await repos.cases.split(request.user!, request.params.caseId, request.body))),
  );

  typed.post(
    '/api/cases/:caseId/transitions',
    {
      schema: {
        summary: 'Take a step of the case state machine',
        description:
          'Supervisor: categorise, assign (due date defaults by category), dismiss (reason), close_unconfirmed (reason). Officer of the sub-district: start, progress (note), ' +
          'report_fixed (note, evidence), escalate (reason, departmentId). Department escalated to: accept (报到), department_report (note, evidence). ' +
          'Confirm and reopen come from residents’ answers (revisit records pushed through sync). Evidence names blobs uploaded first.',
        tags,
        security: bearer,
        params: caseIdParams,
        body: caseTransitionSchema,
        response: { 200: z.object({ case: caseSchema }), ...errors },
      },
      onRequest: caseUsers,
    },
    async (request) => {
      const user = request.user!;
      const current = await visibleCase(user, request.params.caseId);
      const evidence = request.body.evidence ?? [];
      for (const hash of evidence) {
        if (!(await repos.blobs.uploader(hash))) throw new HttpError(400, errorCodes.invalidRequest, `evidence: missing blob ${hash}; upload it first`);
      }
      const plan = planStep(current, { id: user.id, role: user.role, via: 'office' }, request.body, { at: now(), departments: await repos.cases.listDepartments() });
      return changed(plan.ok ? await repos.cases.apply(user, current, plan) : plan);
    },
  );
};
