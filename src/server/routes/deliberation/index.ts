import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import type { SessionUser } from '../../../shared/auth';
import { deliberationOverviewSchema, deliberationQuerySchema, sessionDetailSchema, type DeliberationOverview, type DeliberationQuery, type SessionDetail, type SessionSummary } from '../../../shared/deliberation/api';
import { followUpLines, type FollowUpLine } from '../../../shared/deliberation/session';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { recordIdSchema, upgradeRecord, type FinalisedRecord, type RecordData } from '../../../shared/records';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { PlacedRecord } from '../../repositories/deliberation';
import { sendCsv, sendXlsx, type Table } from '../../downloads';

const officeRoles = ['subdistrict_officer', 'supervisor', 'admin'] as const;
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const bearer = [{ bearer: [] }];
const scopeRule = 'Supervisors and administrators see the district; a sub-district officer its own sub-district (another is 403, a session outside it 404).';

/** The district's calendar day: follow-ups fall due by Nanjing's date, whatever the server's zone. */
function districtDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The sub-districts a user may read, narrowed by the query; undefined is all of them. */
function subdistrictScope(user: SessionUser, requested: string | undefined): string[] | undefined {
  if (user.role !== 'subdistrict_officer') return requested ? [requested] : undefined;
  if (requested !== undefined && !user.scope.ids.includes(requested)) throw new HttpError(403, errorCodes.forbidden, `subdistrictId: ${requested} is outside your sub-district`);
  return requested ? [requested] : [...user.scope.ids];
}

const sessionData = (record: FinalisedRecord) => upgradeRecord(record).data as RecordData<'deliberation'>;

function countBy<K extends string>(keys: readonly K[]): Array<{ key: K; count: number }> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => a.key.localeCompare(b.key));
}

export const deliberationRoutes: FastifyPluginAsync<{ repos: Repositories; now: () => Date }> = async (app, { repos, now }) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const office = authenticate(repos.sessions, officeRoles);

  /** The sessions the user may see that match the query, with their follow-up standings today. */
  async function matching(user: SessionUser, query: DeliberationQuery) {
    const { sessions, reports } = await repos.deliberation.sessionsAndReports(subdistrictScope(user, query.subdistrictId));
    const chosen = sessions.filter(({ record }) => {
      const data = sessionData(record);
      return (!query.communityId || data.communityId === query.communityId) && (!query.topic || data.topic === query.topic) && (!query.month || data.heldOn.startsWith(query.month));
    });
    const today = districtDay(now());
    const lines = followUpLines(chosen.map(({ record }) => upgradeRecord(record)), reports.map(({ record }) => record), today);
    const names = new Map((await repos.organisation.listCommunities()).map((community) => [community.id, community.nameZh]));
    return { chosen, lines, today, names, signatureCounts: await signatureCounts(chosen) };
  }

  async function signatureCounts(sessions: readonly PlacedRecord[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const { record } of sessions) counts.set(record.id, 0);
    const communities = [...new Set(sessions.map((session) => session.communityId))];
    for (const signature of await repos.deliberation.signaturesIn(communities)) {
      const signed = String(signature.data.signedRecordId);
      if (counts.has(signed)) counts.set(signed, counts.get(signed)! + 1);
    }
    return counts;
  }

  function summaries({ chosen, lines, names, signatureCounts: signed }: Awaited<ReturnType<typeof matching>>): SessionSummary[] {
    const linesOf = new Map<string, FollowUpLine[]>();
    for (const line of lines) linesOf.set(line.sessionId, [...(linesOf.get(line.sessionId) ?? []), line]);
    return chosen
      .map(({ record, subdistrictId }) => {
        const data = sessionData(record);
        const own = linesOf.get(record.id) ?? [];
        return {
          id: record.id,
          communityId: data.communityId,
          communityName: names.get(data.communityId) ?? data.communityId,
          subdistrictId,
          heldOn: data.heldOn,
          topic: data.topic,
          title: data.title,
          attendees: data.participants.reduce((sum, group) => sum + group.count, 0),
          signatures: signed.get(record.id) ?? 0,
          followUps: own.length,
          overdue: own.filter((line) => line.standing === 'overdue').length,
        };
      })
      .sort((a, b) => b.heldOn.localeCompare(a.heldOn) || a.id.localeCompare(b.id));
  }

  typed.get(
    '/api/deliberation/sessions',
    {
      schema: {
        summary: 'Deliberation sessions in scope: counts by community, topic and month, the sessions, and overdue follow-up actions',
        description: scopeRule,
        tags: ['deliberation'],
        security: bearer,
        querystring: deliberationQuerySchema,
        response: { 200: deliberationOverviewSchema, ...errors },
      },
      onRequest: office,
    },
    async (request): Promise<DeliberationOverview> => {
      const found = await matching(request.user!, request.query);
      const sessions = summaries(found);
      return {
        today: found.today,
        byCommunity: countBy(sessions.map((session) => session.communityId)),
        byTopic: countBy(sessions.map((session) => session.topic)),
        byMonth: countBy(sessions.map((session) => session.heldOn.slice(0, 7))),
        sessions,
        overdue: found.lines.filter((line) => line.standing === 'overdue').sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
      };
    },
  );

  typed.get(
    '/api/deliberation/sessions/:sessionId',
    {
      schema: {
        summary: 'One session at its current version, with its signatures (checked against the session) and follow-up progress',
        description: `${scopeRule} Signature and photo images are read with GET /api/blobs/{sha256}.`,
        tags: ['deliberation'],
        security: bearer,
        params: z.object({ sessionId: recordIdSchema }),
        response: { 200: sessionDetailSchema, ...errors },
      },
      onRequest: office,
    },
    async (request): Promise<SessionDetail> => {
      const user = request.user!;
      const found = await repos.deliberation.session(request.params.sessionId);
      const allowed = found && (user.role !== 'subdistrict_officer' || user.scope.ids.includes(found.session.subdistrictId));
      if (!found || !allowed) throw new HttpError(404, errorCodes.notFound, `no session ${request.params.sessionId}`);
      const { record, subdistrictId } = found.session;
      const current = upgradeRecord(record);
      const data = current.data as RecordData<'deliberation'>;
      const [community] = (await repos.organisation.listCommunities()).filter((each) => each.id === data.communityId);
      const hostName = (await repos.users.namesOf([data.hostAdviserId])).get(data.hostAdviserId) ?? data.hostAdviserId;
      return {
        id: record.id,
        hash: record.hash,
        communityName: community?.nameZh ?? data.communityId,
        subdistrictId,
        hostName,
        data,
        signatures: found.signatures
          .map((signature) => {
            const signed = signature.data as RecordData<'signature'>;
            return {
              id: signature.id,
              signerRole: signed.signerRole,
              ...(signed.signerName ? { signerName: signed.signerName } : {}),
              signedAt: signed.signedAt,
              ...(signed.blobHash ? { blobHash: signed.blobHash } : {}),
              // Both hashes were checked when pushed; this shows a binding to another version of the session.
              valid: signed.signedRecordId === record.id && signed.signedHash === record.hash,
            };
          })
          .sort((a, b) => a.signedAt.localeCompare(b.signedAt)),
        followUps: followUpLines([current], found.reports, districtDay(now())),
      };
    },
  );

  typed.get(
    '/api/deliberation/export/sessions.:format',
    {
      schema: {
        summary: 'The sessions in scope matching the query, one row each (CSV with BOM, or XLSX)',
        description: scopeRule,
        tags: ['deliberation', 'exports'],
        security: bearer,
        params: z.object({ format: z.enum(['csv', 'xlsx']) }),
        querystring: deliberationQuerySchema,
        response: errors,
      },
      onRequest: office,
    },
    async (request, reply) => {
      const rows = summaries(await matching(request.user!, request.query));
      const columns = ['sessionId', 'subdistrictId', 'communityId', 'communityName', 'heldOn', 'topic', 'title', 'attendees', 'signatures', 'followUps', 'overdue'] as const;
      const table: Table = { columns: [...columns], rows: rows.map((row) => columns.map((column) => (column === 'sessionId' ? row.id : row[column]))) };
      const name = `deliberation-sessions.${request.params.format}`;
      return request.params.format === 'csv' ? sendCsv(reply, name, table) : sendXlsx(reply, name, [{ name: 'sessions', table }]);
    },
  );
};
