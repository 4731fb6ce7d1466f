import type { z } from 'zod/mini';

export type Data = Record<string, unknown>;

/**
 * A top-level field of a version's data that names a blob by its SHA-256: the hash itself, one
 * photo (`{blobHash, mediaType, bytes}`) or a list of photos. The push, the device's export and the
 * server's visibility query all read blobs through these, so a kind's blobs are declared once.
 */
export interface BlobField {
  field: string;
  holds: 'hash' | 'photo' | 'photos';
}

/**
 * One version of a kind's data, as its module (`<kind>/v<n>.ts`) exports it: its schema; `up`, the
 * pure step that turns data of the previous version into this one (absent for version 1); where
 * its data names blobs, and the hashes so named. Published versions never change.
 */
export interface RecordKindVersion {
  schema: z.ZodMiniType<Data>;
  up?: (previous: Data) => Data;
  blobFields: readonly BlobField[];
  blobHashes: (data: Data) => string[];
}

function photoHash(photo: unknown): string[] {
  const hash = typeof photo === 'object' && photo !== null ? (photo as { blobHash?: unknown }).blobHash : undefined;
  return typeof hash === 'string' ? [hash] : [];
}

/** The hashes one blob field of some data names; none when the field is absent. */
export function hashesIn({ field, holds }: BlobField, data: Data): string[] {
  const value = data[field];
  if (holds === 'hash') return typeof value === 'string' ? [value] : [];
  if (holds === 'photo') return photoHash(value);
  return Array.isArray(value) ? value.flatMap(photoHash) : [];
}

/** A version's `blobHashes`: the hashes its data names through its blob fields, in field order. */
export function blobHashesAt(fields: readonly BlobField[]): (data: Data) => string[] {
  return (data) => fields.flatMap((field) => hashesIn(field, data));
}
