import { z } from 'zod/mini';
import { roundIdSchema } from './organisation';
import { questionnaireDefinitionSchema } from './questionnaire/definition';
import { boundedText, recordIdSchema, responseDataSchema } from './records';

/**
 * The online channel: residents answer from a QR code on their own phones, without an
 * account. The link names a round and a community, nothing personal. One response per phone per
 * round is asked for with a random token kept in the browser; the server also limits submissions
 * per address and per community, refuses a filled honeypot and an implausibly quick answer.
 */

/** Community ids as they appear in a link: letters, digits, "-" and "_". */
export const linkCommunityIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,100}$/, 'a community id'));

export const onlineLinkParamsSchema = z.object({ roundId: roundIdSchema, communityId: linkCommunityIdSchema });
export type OnlineLinkParams = z.infer<typeof onlineLinkParamsSchema>;

/** The page's path for a round and community: all a QR code carries. */
export function onlineLinkPath(roundId: string, communityId: string): string {
  return `/q/${encodeURIComponent(roundId)}/${encodeURIComponent(communityId)}`;
}

/** A random token the browser makes once and keeps: 128 bits or more, base64url. */
export const deviceTokenSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22,86}$/, 'a random base64url token'));

/**
 * The server's proof of when it served the page (its own clock, milliseconds, and a MAC over the
 * link): a submission's answering time is judged from it, so false device times do not shorten it.
 */
export const pageTicketSchema = z.string().check(z.regex(/^\d{13}\.[A-Za-z0-9_-]{43}$/, 'a page ticket'));

/** What the resident's page shows: the round's state and, while it is open, one questionnaire per audience. */
export const onlineSurveySchema = z.object({
  roundId: roundIdSchema,
  open: z.boolean(),
  community: z.object({ id: linkCommunityIdSchema, subdistrictId: boundedText(100, 1), nameZh: boundedText(100, 1), nameEn: boundedText(100) }),
  questionnaires: z.array(questionnaireDefinitionSchema).check(z.maxLength(3)),
  /** Answers finished sooner after the page opened than this are refused as automated. */
  minimumAnsweringMs: z.int().check(z.nonnegative()),
  /** Sent back with the answers; optional only so that a page kept from an older server still opens. */
  pageTicket: z.optional(pageTicketSchema),
});
export type OnlineSurvey = z.infer<typeof onlineSurveySchema>;

const responseFields = responseDataSchema.def.shape;

/** One resident's submission. Its id makes a retry harmless: the same id is stored once. */
export const onlineSubmissionSchema = z.strictObject({
  submissionId: recordIdSchema,
  deviceToken: deviceTokenSchema,
  questionnaireId: responseFields.questionnaireId,
  questionnaireVersion: responseFields.questionnaireVersion,
  /** Device clock when the questionnaire was opened and when it was finished. */
  startedAt: responseFields.createdAt,
  finishedAt: responseFields.finalisedAt,
  answers: responseFields.answers,
  /** Hidden from people: a value here was filled in by a program. */
  website: z.optional(boundedText(200)),
  /** The `pageTicket` of the page the resident first opened; without it the device's times are all there is. */
  pageTicket: z.optional(pageTicketSchema),
});
export type OnlineSubmission = z.infer<typeof onlineSubmissionSchema>;

export const onlineSubmissionResultSchema = z.object({
  submissionId: recordIdSchema,
  /** `accepted` the first time, `duplicate` when the same submission arrives again. */
  status: z.enum(['accepted', 'duplicate']),
});
export type OnlineSubmissionResult = z.infer<typeof onlineSubmissionResultSchema>;

/**
 * What the server saw of a stored submission that a program bypassing the limits would show:
 * kept for the quality checks to weigh, instead of turning residents away at the door.
 */
export const onlineSignalsSchema = z.object({
  /** `missing`: no ticket (an older page, or a client that skipped the page); `invalid`: forged or another link's. */
  pageTicket: z.enum(['valid', 'missing', 'invalid']),
  /** Page served → submission received, by the server's clock; only with a valid ticket. */
  serverElapsedMs: z.optional(z.int()),
  /** Finish minus start by the phone's clock. */
  deviceElapsedMs: z.int(),
  /** The phone's finish time minus the server's time of receipt: a phone clock far off shows here. */
  deviceClockAheadMs: z.int(),
  /** Answers from the same address within its current rate window, this one included. */
  addressAnswersInWindow: z.int(),
  /** Earlier answers of the round and community with exactly the same answers. */
  sameAnswersBefore: z.int(),
});
export type OnlineSignals = z.infer<typeof onlineSignalsSchema>;

/** The communities a supervisor prints posters for, with each one's link path. */
export const onlineLinksSchema = z.object({
  roundId: roundIdSchema,
  communities: z
    .array(
      z.object({
        id: linkCommunityIdSchema,
        nameZh: boundedText(100, 1),
        nameEn: boundedText(100),
        subdistrictId: boundedText(100, 1),
        subdistrictNameZh: boundedText(100),
        path: boundedText(300, 1),
      }),
    )
    .check(z.maxLength(5000)),
});
export type OnlineLinks = z.infer<typeof onlineLinksSchema>;

/** Who an online response is stored as: no person, no device. */
export const onlineAuthor = { authorId: 'online-resident', deviceId: 'online' } as const;
