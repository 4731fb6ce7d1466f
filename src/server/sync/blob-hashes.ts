import type { DeviceRecordKind, RecordData } from '../../shared/records';

/**
 * The blobs a record binds, by its current data: a signature's image, a session's or a report's
 * photos, a follow-up's photo. Each must be on the server before the record is. The one place the
 * push computes them (look-up and checks both call it).
 */
export function recordBlobHashes(kind: DeviceRecordKind, data: Record<string, unknown>): string[] {
  if (kind === 'signature') {
    const { blobHash } = data as RecordData<'signature'>;
    return blobHash === undefined ? [] : [blobHash];
  }
  if (kind === 'deliberation' || kind === 'case_report') return (data as RecordData<'deliberation' | 'case_report'>).photos.map((photo) => photo.blobHash);
  if (kind === 'deliberation_follow_up') {
    const { photo } = data as RecordData<'deliberation_follow_up'>;
    return photo ? [photo.blobHash] : [];
  }
  return [];
}

/** The field a refusal of a record's blob names. */
export function blobField(kind: DeviceRecordKind): string {
  return kind === 'signature' ? 'data.blobHash' : kind === 'deliberation_follow_up' ? 'data.photo' : 'data.photos';
}
