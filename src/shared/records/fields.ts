import { z } from 'zod/mini';
import { sha256HexPattern } from '../hashing';
import { withoutNullCharacter } from '../validation';

/**
 * The fields records are made of. A published version's schema is built from these and never
 * changes, so they live here rather than in the features that also use them.
 */

/**
 * A canonical UUID: lower-case, RFC 9562 version 1-8 and variant, never nil or max, so that one id
 * cannot be stored twice under two spellings.
 */
export const recordIdSchema = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a lower-case UUID'));
export const sha256Schema = z.string().check(z.regex(sha256HexPattern, 'a lower-case hex SHA-256'));

/** Text of at most `max` characters, never holding U+0000 (which PostgreSQL cannot store). */
export function boundedText(max: number, min = 0) {
  return z.string().check(z.minLength(min), z.maxLength(max), withoutNullCharacter);
}
/** Server-side ids named in records: communities, users, devices, questionnaires. */
export const referenceId = boundedText(100, 1);
export const shortText = (max: number) => boundedText(max);

/** A half-year evaluation round such as "2026-H1". */
export const roundIdSchema = z.string().check(z.regex(/^\d{4}-H[12]$/, 'a half year such as 2026-H1'));
/** A questionnaire item's id, as a response's answers are keyed. */
export const itemIdSchema = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and "_", starting with a letter'));

/** Device clocks may be wrong, but not by centuries: year 0000 or 9999 would corrupt every report by date. */
export const earliestRecordTime = '2000-01-01T00:00:00Z';
export const latestRecordTime = '2100-01-01T00:00:00Z';
export const isoTime = z.iso.datetime({ offset: true }).check(
  z.refine((time) => {
    const at = Date.parse(time);
    return at >= Date.parse(earliestRecordTime) && at < Date.parse(latestRecordTime);
  }, 'a time from 2000 to 2099'),
);
export const isoDate = z.iso.date().check(z.refine((date) => date >= earliestRecordTime.slice(0, 10) && date < latestRecordTime.slice(0, 10), 'a date from 2000 to 2099'));

/** Fields every device record's data carries. */
export const provenance = {
  authorId: referenceId,
  deviceId: referenceId,
  /** Device clock when the record was started and finalised. */
  createdAt: isoTime,
  finalisedAt: isoTime,
  supersedes: z.optional(recordIdSchema),
};

/** Data schemas are strict: an unknown key is refused, never stored past the limits above. */
export const finalisedAfterCreated = z.refine<{ createdAt: string; finalisedAt: string }>(
  (data) => Date.parse(data.finalisedAt) >= Date.parse(data.createdAt),
  { message: 'must not be before createdAt', path: ['finalisedAt'] },
);
