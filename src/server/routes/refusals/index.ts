import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../../../shared/auth';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { finaliseRecord, recordIdSchema, type RecordData } from '../../../shared/records';
import {
  acceptRefusalSchema,
  dismissRefusalSchema,
  refusalDecisionResponseSchema,
  refusalDetailSchema,
  refusalIdParams,
  refusalListQuerySchema,
  refusalListSchema,
  type RefusalDecision,
  type RefusalSummary,
} from '../../../shared/refusals';
import { authenticate } from '../../auth/authenticate';
import type { Database } from '../../db/database';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { DecisionOutcome, RefusalScope } from '../../repositories/refusals';
import type { PushPipeline } from '../../sync/apply-batch';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const bearer = [{ bearer: [] }];
const tags = ['refusals'];

/** An officer sees its sub-district's refused records; the district roles all of them. */
function refusalScope(user: SessionUser): RefusalScope {
  return user.scope.level === 'subdistrict' ? user.scope.ids : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The office's corrected version as a new finalised record: the data the office sent, still by the
 * author who collected it, stored from the office now, superseding the refused record.
 */
function correctedRecord(refusal: RefusalSummary, original: unknown, corrected: Record<string, unknown>, at: Date) {
  const originalData = isPlainObject(original) && isPlainObject(original.data) ? original.data : {};
  const finalisedAt = at.toISOString();
  const { supersedes: _ignored, ...fields } = corrected;
  const data = {
    ...fields,
    authorId: typeof originalData.authorId === 'string' ? originalData.authorId : refusal.pushedBy.id,
    deviceId: 'office',
    createdAt: fields.createdAt ?? originalData.createdAt ?? finalisedAt,
    finalisedAt,
    ...(recordIdSchema.safeParse(refusal.recordId).success ? { supersedes: refusal.recordId } : {}),
  };
  const id = uuidv7();
  return { id, record: finaliseRecord(refusal.kind!, id, data as RecordData<NonNullable<RefusalSummary['kind']>>) };
}

type StoredRefusal = NonNullable<Awaited<ReturnType<Repositories['refusals']['find']>>>;

/** Refused records: the office sees them and accepts a corrected version or dismisses each with a reason. */
export const refusalRoutes: FastifyPluginAsync<{ repos: Repositories; now: () => Date; push: PushPipeline }> = async (app, { repos, now, push }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const office = authenticate(repos.sessions, ['subdistrict_officer', 'supervisor', 'admin']);
  const managers = authenticate(repos.sessions, ['supervisor', 'admin']);

  /** 404 alike for "absent" and "outside your scope", so that a refusal's existence is not revealed. */
  async function visibleRefusal(user: SessionUser, refusalId: string): Promise<StoredRefusal> {
    const found = await repos.refusals.find(refusalId);
    const scope = refusalScope(user);
    if (!found || (scope && (found.subdistrictId === null || !scope.includes(found.subdistrictId)))) throw new HttpError(404, errorCodes.notFound, `no refused record ${refusalId}`);
    return found;
  }

  /** A decision already made answers the same request again unchanged, and refuses another. */
  function alreadyDecided(refusal: RefusalSummary, decision: RefusalDecision): { refusal: RefusalSummary } | undefined {
    if (!refusal.decision) return undefined;
    if (refusal.decision.decision === decision) return { refusal };
    throw new HttpError(409, errorCodes.conflict, `refused record ${refusal.id} was ${refusal.decision.decision} already`);
  }

  /**
   * One decision on a visible refusal: the same one made before answers as it did; otherwise
   * `decide` makes it, and a concurrent decision that won the race answers as if made before.
   */
  async function decideOn(user: SessionUser, refusalId: string, decision: RefusalDecision, decide: (refusal: StoredRefusal) => Promise<DecisionOutcome>) {
    const refusal = await visibleRefusal(user, refusalId);
    const again = alreadyDecided(refusal, decision);
    if (again) return again;
    const outcome = await decide(refusal);
    if (!outcome.ok && outcome.problem === 'invalid') throw new HttpError(400, errorCodes.invalidRequest, outcome.message);
    const after = await visibleRefusal(user, refusalId);
    return alreadyDecided(after, decision) ?? { refusal: after };
  }

  /** The route schema of a decision. */
  const decisionSchema = <B extends typeof acceptRefusalSchema | typeof dismissRefusalSchema>(summary: string, description: string, body: B) => ({
    summary,
    description,
    tags,
    security: bearer,
    params: refusalIdParams,
    body,
    response: { 200: refusalDecisionResponseSchema, ...errors },
  });

  api.get(
    '/api/refusals',
    {
      schema: {
        summary: 'Refused records and conflicting versions, newest first',
        description:
          'Every record a push answered `rejected` (except `missing_blob` and `missing_record`, which the device resends) and every `conflict` version, with the device’s reason. ' +
          'A sub-district officer sees those of its sub-district (by the record’s community, or the pushing worker’s); supervisors and administrators all. `state` defaults to `open` (not decided yet).',
        tags,
        security: bearer,
        querystring: refusalListQuerySchema,
        response: { 200: refusalListSchema, ...errors },
      },
      onRequest: office,
    },
    async (request) => repos.refusals.list(refusalScope(request.user!), request.query),
  );

  api.get(
    '/api/refusals/:refusalId',
    {
      schema: {
        summary: 'One refused record: the device’s reason, the payload as received and, for a conflict, the version stored first',
        tags,
        security: bearer,
        params: refusalIdParams,
        response: { 200: refusalDetailSchema, ...errors },
      },
      onRequest: office,
    },
    async (request) => {
      await visibleRefusal(request.user!, request.params.refusalId);
      return (await repos.refusals.detail(request.params.refusalId))!;
    },
  );

  api.post(
    '/api/refusals/:refusalId/accept',
    {
      schema: decisionSchema(
        'Accept a corrected version of a refused record',
        'The corrected `data` is checked by the record kind’s current schema and the push rules, and stored as a new record (a new id, pushed by you from device `office`, ' +
          'keeping the author who collected it) that `supersedes` the refused one; nothing stored is overwritten. Its author pulls it as any record, and the pushing user pulls a ' +
          '`refusal_outcome` change. Asking again after it was accepted answers the same decision and stores nothing more; a dismissed one is 409.',
        acceptRefusalSchema,
      ),
      onRequest: managers,
    },
    async (request) =>
      decideOn(request.user!, request.params.refusalId, 'accepted', async (refusal) => {
        if (!refusal.kind) throw new HttpError(409, errorCodes.conflict, 'the refused record names no known kind: dismiss it with a reason instead');
        const original = refusal.payloadJson === null ? undefined : (JSON.parse(refusal.payloadJson) as unknown);
        const { id, record } = correctedRecord(refusal, original, request.body.data, now());
        const user = request.user!;
        const corrected = push.precheck(user, record);
        if (!corrected.ok) throw new HttpError(400, errorCodes.invalidRequest, corrected.result.error ?? 'the corrected version is invalid');
        // Stored through the push's stages, in the decision's transaction.
        const store = async (trx: Database) => (await push.applyChecked(trx, user, { deviceId: 'office', batchId: `refusal-${refusal.id}`, records: [corrected], received: [corrected.checked.record] }))[0];
        return repos.refusals.decide(refusal, user, { decision: 'accepted', correctedId: id, store });
      }),
  );

  api.post(
    '/api/refusals/:refusalId/dismiss',
    {
      schema: decisionSchema(
        'Dismiss a refused record with a reason',
        'The reason is required. The pushing user pulls a `refusal_outcome` change naming it; the device keeps its record. Asking again answers the same decision; an accepted one is 409.',
        dismissRefusalSchema,
      ),
      onRequest: managers,
    },
    async (request) => decideOn(request.user!, request.params.refusalId, 'dismissed', (refusal) => repos.refusals.decide(refusal, request.user!, { decision: 'dismissed', reason: request.body.reason })),
  );
};
