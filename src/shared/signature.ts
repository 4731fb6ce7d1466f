import { recordHash, validateRecord, type FinalisedRecord, type RecordData } from './records';
import { sha256Hex } from './hashing';

/**
 * A signature binds an image (a blob named by the SHA-256 of its bytes) to the hash of the record
 * signed. Changing the record, the image or the binding afterwards is detectable.
 */

export interface SignatureInput {
  signed: FinalisedRecord;
  signedAt: string;
  signerRole: RecordData<'signature'>['signerRole'];
  communityId: string;
  authorId: string;
  deviceId: string;
  createdAt: string;
  /** Exactly one of the two: the image's SHA-256, or why the signer declined. */
  blobHash?: string;
  declinedReason?: string;
}

export function signatureData(input: SignatureInput): RecordData<'signature'> {
  const hasImage = input.blobHash !== undefined;
  const declined = input.declinedReason !== undefined && input.declinedReason.trim() !== '';
  if (hasImage === declined) throw new Error('a signature has either an image or a reason for declining, not both or neither');
  return {
    authorId: input.authorId,
    deviceId: input.deviceId,
    createdAt: input.createdAt,
    finalisedAt: input.signedAt,
    communityId: input.communityId,
    signedRecordId: input.signed.id,
    signedRecordKind: input.signed.kind,
    signedHash: input.signed.hash,
    signedAt: input.signedAt,
    signerRole: input.signerRole,
    ...(hasImage ? { blobHash: input.blobHash } : { declinedReason: input.declinedReason!.trim() }),
  };
}

/**
 * Why a signature does not hold for this record and image, or undefined when it does. `image` is
 * the blob's bytes; leave it out for a declined signature.
 */
export function verifySignature(signature: FinalisedRecord, signed: FinalisedRecord, image?: Uint8Array): string | undefined {
  if (signature.kind !== 'signature') return 'not a signature record';
  const invalid = validateRecord(signature);
  if (invalid) return `signature record: ${invalid}`;
  const data = signature.data as RecordData<'signature'>;
  if (data.signedRecordId !== signed.id || data.signedRecordKind !== signed.kind) return 'the signature is for another record';
  const actual = recordHash(signed);
  if (actual !== signed.hash || actual !== data.signedHash) return 'the signed record has changed since it was signed';
  if (data.blobHash === undefined) return data.declinedReason ? undefined : 'no image and no reason for declining';
  if (!image) return 'the signature image is missing';
  if (sha256Hex(image) !== data.blobHash) return 'the signature image has changed since it was signed';
  return undefined;
}
