/** Messages of the photo picker (components/photos), shared by every feature that takes photos. */
export const photosZhCN = {
  takePhoto: '拍照',
  fromGallery: '从相册选择',
  photo: '照片 {n}',
  remove: '删除照片 {n}',
  removeShort: '删除',
  count: '已添加 {count} 张照片，最多 {max} 张',
  full: '已达到 {max} 张上限，删除一张后才能再添加。',
  working: '正在压缩照片…',
  added: '已添加照片，共 {count} 张。',
  removed: '已删除照片，还有 {count} 张。',
  unavailable: '本机没有这张照片',
};
export type PhotosMessages = typeof photosZhCN;
