import Compressor from 'compressorjs';
import { sha256Hex } from '../../shared/hashing';
import type { CodedError } from '../errors/codes';
import { isPhotoMediaType, photoLimits, type Photo } from '../../shared/photos';

/**
 * Phone photos are 3-12 MB; a session's photos must fit the device and a weak uplink. A 1600 px
 * JPEG at quality 0.7 stays legible for a paper archive at a few hundred KB.
 */
export const photoCompression = { maxSide: 1600, quality: 0.7 } as const;

/** Why a picked file cannot be kept as a photo. */
export class PhotoError extends Error implements CodedError {
  constructor(readonly code: 'photo_unreadable' | 'photo_too_large') {
    super(code === 'photo_unreadable' ? 'the file could not be read as an image' : 'the photo is too large even after compression');
    this.name = 'PhotoError';
  }
}

/** Scales and re-encodes a picked image on the device (turned upright from its EXIF orientation). */
export function compressPhoto(file: Blob): Promise<Blob> {
  return new Promise((resolve, reject) => {
    new Compressor(file, {
      maxWidth: photoCompression.maxSide,
      maxHeight: photoCompression.maxSide,
      quality: photoCompression.quality,
      mimeType: 'image/jpeg',
      checkOrientation: true,
      success: resolve,
      error: () => reject(new PhotoError('photo_unreadable')),
    });
  });
}

/** The compressed image and how a record names it: by the SHA-256 of exactly these bytes. */
export async function preparePhoto(file: Blob): Promise<{ photo: Photo; blob: Blob }> {
  const compressed = await compressPhoto(file);
  if (!isPhotoMediaType(compressed.type)) throw new PhotoError('photo_unreadable');
  if (compressed.size > photoLimits.bytes) throw new PhotoError('photo_too_large');
  const bytes = new Uint8Array(await compressed.arrayBuffer());
  return { photo: { blobHash: sha256Hex(bytes), mediaType: compressed.type, bytes: compressed.size }, blob: compressed };
}
