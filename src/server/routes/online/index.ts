import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod/mini';
import { errorBodySchema, errorCodes } from '../../../shared/errors';
import { hashCanonical, sha256Hex } from '../../../shared/hashing';
import { onlineAuthor, onlineLinkParamsSchema, onlineLinkPath, onlineLinksSchema, onlineSubmissionResultSchema, onlineSubmissionSchema, onlineSurveySchema } from '../../../shared/online';
import { roundIdSchema } from '../../../shared/organisation';
import { buildResponseData, answerProblems, IncompleteResponseError } from '../../../shared/questionnaire/response';
import { checkRecord, finaliseRecord } from '../../../shared/records';
import { authenticate } from '../../auth/authenticate';
import { HttpError } from '../../http-error';
import type { Repositories } from '../../repositories';
import type { RateLimit } from '../auth';
import { issuePageTicket, pageServedAt } from './page-ticket';

export interface OnlineLimits {
  /** Submissions per client address: one household's phones, or many behind one carrier address. */
  perAddress: RateLimit;
  /** Submissions per community of a round: a poster answered by a program stops here. */
  perCommunity: RateLimit;
  /** Answers finished sooner than this after the page opened are refused as automated. */
  minimumAnsweringMs: number;
}

/**
 * Flood guards, not a judgement of residents: a community meeting behind one Wi-Fi or carrier
 * address must get through (hundreds within the hour). What looks automated below these is kept
 * with its signals for the quality checks instead.
 */
export const defaultOnlineLimits: OnlineLimits = {
  perAddress: { max: 1_000, timeWindowMs: 60 * 60_000 },
  perCommunity: { max: 120, timeWindowMs: 60_000 },
  minimumAnsweringMs: 20_000,
};

const officeRoles = ['subdistrict_officer', 'supervisor', 'admin'] as const;
const submissionBodyLimit = 256 * 1024;

function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** The resident's page and its submissions (no sign-in), and the poster links for the office. */
export const onlineRoutes: FastifyPluginAsync<{ repos: Repositories; now: () => Date; limits: OnlineLimits }> = async (app, { repos, now, limits }) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const addressKey = (request: FastifyRequest) => `online-address|${request.ip}`;

  /**
   * Runs before the body is read: the address's count first, so that a flood from one address
   * does not spend its community's budget; then the community's. A refusal stores nothing.
   */
  async function limitSubmissions(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { roundId, communityId } = request.params as { roundId?: string; communityId?: string };
    const buckets: Array<[string, RateLimit, string]> = [
      [addressKey(request), limits.perAddress, 'Too many answers from this network; try again later'],
      [`online-community|${roundId}|${communityId}`, limits.perCommunity, 'Too many answers for this community just now; try again in a minute'],
    ];
    const refused = await repos.rateLimits.hitUntilOver(buckets.map(([key, { max, timeWindowMs }]) => ({ key, max, windowMs: timeWindowMs })));
    if (refused) {
      reply.header('retry-after', retryAfterSeconds(refused.windowEndsAt, now()));
      throw new HttpError(429, errorCodes.rateLimited, buckets[refused.index]![2]);
    }
  }

  /** The round's state and the community's sub-district; 404 for an unknown or draft round or an unknown community. */
  async function linkOr404(roundId: string, communityId: string) {
    const link = await repos.online.link(roundId, communityId);
    if (!link || link.roundState === 'draft') throw new HttpError(404, errorCodes.notFound, `no round ${roundId} takes online answers in community ${communityId}`);
    return link;
  }

  typed.get(
    '/api/online/rounds/:roundId/communities/:communityId',
    {
      schema: {
        summary: "The resident's questionnaire page for a round and community (no sign-in)",
        description:
          'While the round is open: the newest questionnaire of each audience, and a `pageTicket` (the time the server served the page, with a MAC) ' +
          'to send back with the answers: the answering time is judged from it by the server\'s clock. Once the round closes, `open` is false and no questionnaire is sent.',
        tags: ['online'],
        params: onlineLinkParamsSchema,
        response: { 200: onlineSurveySchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const { roundId, communityId } = request.params;
      const open = (await linkOr404(roundId, communityId)).roundState === 'open';
      const community = (await repos.online.community(communityId))!;
      return {
        roundId,
        open,
        community: { id: community.id, subdistrictId: community.subdistrictId, nameZh: community.nameZh, nameEn: community.nameEn },
        questionnaires: open ? await repos.online.latestQuestionnaires() : [],
        minimumAnsweringMs: limits.minimumAnsweringMs,
        ...(open ? { pageTicket: issuePageTicket(await repos.online.pageTicketKey(), roundId, communityId, now()) } : {}),
      };
    },
  );

  typed.post(
    '/api/online/rounds/:roundId/communities/:communityId/responses',
    {
      schema: {
        summary: "A resident's answers from the online link (no sign-in)",
        description:
          'Stored as a response with channel `online`. The same submissionId again is answered 200 `duplicate` and stored once. ' +
          `Refused with nothing stored: a closed round (409 round_closed), a second answer from the same device token in the round (409 already_answered), ` +
          `more than ${limits.perAddress.max} answers per address in ${limits.perAddress.timeWindowMs / 1000} s or ${limits.perCommunity.max} per community in ` +
          `${limits.perCommunity.timeWindowMs / 1000} s (429 with Retry-After), a filled honeypot field or answers finished within ${limits.minimumAnsweringMs / 1000} s (400 submission_refused): ` +
          'from the `pageTicket` by the server\'s clock (page served → submission received); without a ticket, from the device\'s `startedAt` and `finishedAt`. ' +
          'A stored submission keeps what a program would show (missing or invalid ticket, device clock, answers per address, identical answer sheets) for the quality checks.',
        tags: ['online'],
        params: onlineLinkParamsSchema,
        body: onlineSubmissionSchema,
        response: { 200: onlineSubmissionResultSchema, 201: onlineSubmissionResultSchema, 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 429: errorBodySchema },
      },
      bodyLimit: submissionBodyLimit,
      onRequest: limitSubmissions,
    },
    async (request, reply) => {
      const { roundId, communityId } = request.params;
      const submission = request.body;
      if (submission.website) throw new HttpError(400, errorCodes.submissionRefused, 'This submission looks automated and was not stored');
      const link = await linkOr404(roundId, communityId);
      if (link.roundState !== 'open') {
        // A phone that sent its answers in time and lost the reply learns that they are stored.
        if (await repos.online.isStored(submission.submissionId)) return { submissionId: submission.submissionId, status: 'duplicate' as const };
        throw new HttpError(409, errorCodes.roundClosed, `round ${roundId} has closed and takes no more answers`);
      }
      const definition = await repos.online.questionnaire(submission.questionnaireId, submission.questionnaireVersion);
      if (!definition) throw new HttpError(400, errorCodes.invalidRequest, `no questionnaire ${submission.questionnaireId} version ${submission.questionnaireVersion}`);
      const receivedAt = now();
      const servedAt = submission.pageTicket && pageServedAt(await repos.online.pageTicketKey(), roundId, communityId, submission.pageTicket, receivedAt);
      const deviceElapsedMs = Date.parse(submission.finishedAt) - Date.parse(submission.startedAt);
      const serverElapsedMs = servedAt ? receivedAt.getTime() - servedAt.getTime() : undefined;
      if ((serverElapsedMs ?? deviceElapsedMs) < limits.minimumAnsweringMs) {
        throw new HttpError(400, errorCodes.submissionRefused, 'Answered too quickly to have read the questions; nothing was stored');
      }
      const problems = answerProblems(definition, submission.answers);
      if (problems.length > 0) throw new HttpError(400, errorCodes.invalidRequest, problems.slice(0, 5).join('; '));
      let data;
      try {
        data = buildResponseData(definition, submission.answers, {
          communityId,
          subdistrictId: link.subdistrictId,
          roundId,
          channel: 'online',
          ...onlineAuthor,
          createdAt: submission.startedAt,
          finalisedAt: submission.finishedAt,
        });
      } catch (error) {
        if (error instanceof IncompleteResponseError) throw new HttpError(400, errorCodes.invalidRequest, `answers need attention: ${Object.keys(error.issues).slice(0, 10).join(', ')}`);
        throw error;
      }
      const record = finaliseRecord('response', submission.submissionId, data);
      const checked = checkRecord(record);
      if (!checked.ok) throw new HttpError(400, errorCodes.invalidRequest, checked.error);
      // Hashed with the round, so that the stored value says nothing about the phone's other rounds.
      const tokenHash = sha256Hex(utf8ToBytes(`${roundId}|${submission.deviceToken}`));
      const addressAnswers = await repos.rateLimits.peek(addressKey(request));
      const outcome = await repos.online.store(record, {
        roundId,
        communityId,
        tokenHash,
        answersHash: hashCanonical(record.data.answers),
        signals: {
          pageTicket: servedAt ? 'valid' : submission.pageTicket ? 'invalid' : 'missing',
          ...(serverElapsedMs === undefined ? {} : { serverElapsedMs }),
          deviceElapsedMs,
          deviceClockAheadMs: Date.parse(submission.finishedAt) - receivedAt.getTime(),
          addressAnswersInWindow: addressAnswers?.hits ?? 1,
        },
      });
      if (outcome === 'already_answered') throw new HttpError(409, errorCodes.alreadyAnswered, 'This phone has already answered in this round; thank you');
      if (outcome === 'conflict') throw new HttpError(409, errorCodes.conflict, 'Another submission is stored under this id');
      return reply.code(outcome === 'accepted' ? 201 : 200).send({ submissionId: record.id, status: outcome });
    },
  );

  typed.get(
    '/api/rounds/:roundId/online-links',
    {
      schema: {
        summary: 'The online links of an open round, one per community, for QR posters',
        description: "A sub-district officer receives its own sub-district's communities.",
        tags: ['online'],
        security: [{ bearer: [] }],
        params: z.object({ roundId: roundIdSchema }),
        response: { 200: onlineLinksSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
      onRequest: authenticate(repos.sessions, officeRoles),
    },
    async (request) => {
      const { roundId } = request.params;
      const round = await repos.rounds.find(roundId);
      if (!round) throw new HttpError(404, errorCodes.notFound, `no round ${roundId}`);
      if (round.summary.state !== 'open') throw new HttpError(409, errorCodes.conflict, `round ${roundId} is ${round.summary.state}; posters are for open rounds`);
      const user = request.user!;
      const communities = await repos.online.communities(user.scope.level === 'district' ? undefined : user.scope.ids);
      return { roundId, communities: communities.map((community) => ({ ...community, path: onlineLinkPath(roundId, community.id) })) };
    },
  );
};
