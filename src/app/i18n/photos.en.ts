import type { PhotosMessages } from './photos.zh-CN';

export const photosEn: PhotosMessages = {
  takePhoto: 'Take a photo',
  fromGallery: 'Choose from gallery',
  photo: 'Photo {n}',
  remove: 'Remove photo {n}',
  removeShort: 'Remove',
  count: '{count} photos added, at most {max}',
  full: 'The limit of {max} photos is reached: remove one to add another.',
  working: 'Compressing the photo…',
  added: 'Photo added, {count} in all.',
  removed: 'Photo removed, {count} left.',
  unavailable: 'This photo is not on this device',
};
