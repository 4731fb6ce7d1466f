import { onBeforeUnmount, ref, watch, type WatchSource } from 'vue';

/**
 * Object URLs for images kept on the device by hash, for the hashes `source` names now: loaded as
 * they appear, revoked as they go and when the component goes. A URL is '' while loading and
 * undefined when the image is not on the device.
 */
export function useObjectUrls(source: WatchSource<readonly string[]>, load: (hash: string) => Promise<Blob | undefined>) {
  const urls = ref(new Map<string, string | undefined>());

  async function follow(hashes: readonly string[]): Promise<void> {
    const wanted = new Set(hashes);
    for (const [hash, url] of urls.value) {
      if (wanted.has(hash)) continue;
      if (url) URL.revokeObjectURL(url);
      urls.value.delete(hash);
    }
    for (const hash of wanted) {
      if (urls.value.has(hash)) continue;
      urls.value.set(hash, '');
      const image = await load(hash);
      if (urls.value.has(hash)) urls.value.set(hash, image ? URL.createObjectURL(image) : undefined);
    }
  }

  watch(source, (hashes) => void follow(hashes), { immediate: true });
  onBeforeUnmount(() => {
    for (const url of urls.value.values()) if (url) URL.revokeObjectURL(url);
    urls.value.clear();
  });
  return urls;
}
