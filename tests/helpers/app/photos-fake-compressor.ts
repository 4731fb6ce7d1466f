/**
 * A stand-in for compressorjs in happy-dom, which cannot decode or draw images: a file whose type
 * is an image "compresses" to a JPEG of its bytes with a marker in front; anything else fails as an
 * undecodable image does. Use with `vi.mock('compressorjs', () => import('./photos-fake-compressor'))`.
 */
import { Blob as NodeBlob } from 'node:buffer';

export const compressed: Blob[] = [];

interface Options {
  mimeType?: string;
  success?: (result: Blob) => void;
  error?: (error: Error) => void;
}

export default class FakeCompressor {
  constructor(file: Blob, options: Options) {
    void file.arrayBuffer().then((bytes) => {
      if (!file.type.startsWith('image/')) return options.error?.(new Error('Failed to load the image.'));
      // Node's Blob: fake-indexeddb stores it as a Blob, as a browser does (happy-dom's would become a plain object).
      const result = new NodeBlob([new TextEncoder().encode('jpeg:'), bytes], { type: options.mimeType ?? file.type });
      compressed.push(result as Blob);
      options.success?.(result as Blob);
    });
  }
}
