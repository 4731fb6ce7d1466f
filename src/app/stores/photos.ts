import { defineStore } from 'pinia';
import type { Photo } from '../../shared/photos';
import { getBlob, keepDraftBlob, type NewBlob } from '../db/records';
import { preparePhoto } from '../photos/compress';

/**
 * Photos taken for a record in progress: compressed on the device, kept as blobs by hash (so a draft
 * that names them resumes with them), and handed to `saveFinalised` with the record that names them.
 */
export const usePhotosStore = defineStore('photos', () => {
  /** Compresses and keeps a picked image; returns how a record names it. */
  async function take(file: Blob): Promise<Photo> {
    const { photo, blob } = await preparePhoto(file);
    await keepDraftBlob({ hash: photo.blobHash, blob });
    return photo;
  }

  /** A kept image by its hash, or undefined when this device does not hold it. */
  async function image(hash: string): Promise<Blob | undefined> {
    return (await getBlob(hash))?.blob;
  }

  /** The blobs to finalise with a record that names these photos; throws when one is not on the device. */
  async function blobsFor(photos: readonly Photo[]): Promise<NewBlob[]> {
    return Promise.all(
      photos.map(async (photo) => {
        const blob = await image(photo.blobHash);
        if (!blob) throw new Error(`photo ${photo.blobHash} is not on this device`);
        return { hash: photo.blobHash, blob };
      }),
    );
  }

  return { take, image, blobsFor };
});
