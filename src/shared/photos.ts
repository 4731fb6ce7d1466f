import { z } from 'zod/mini';
import { sha256HexPattern } from './hashing';

/**
 * A photo attached to a record: the record names the image by the SHA-256 of its bytes (a blob,
 * uploaded before the record as signatures are), so the record's hash also covers the image.
 */
export const photoMediaTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Compressed on the device to well under this; anything larger is not a phone photo we made. */
export const photoLimits = { bytes: 5 * 1024 * 1024 } as const;

export const photoSchema = z.strictObject({
  // Not records/fields.ts's sha256Schema: record versions import this module.
  blobHash: z.string().check(z.regex(sha256HexPattern, 'a lower-case hex SHA-256')),
  mediaType: z.enum(photoMediaTypes),
  bytes: z.int().check(z.positive(), z.maximum(photoLimits.bytes)),
});
export type Photo = z.infer<typeof photoSchema>;

export function isPhotoMediaType(type: string): type is Photo['mediaType'] {
  return (photoMediaTypes as readonly string[]).includes(type);
}
