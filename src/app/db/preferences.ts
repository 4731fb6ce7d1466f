/** Small per-device choices kept in localStorage, read synchronously before the app mounts. */

const localeKey = 'locale';

export function savedLocale(): string | null {
  return globalThis.localStorage?.getItem(localeKey) ?? null;
}

export function saveLocale(locale: string): void {
  globalThis.localStorage?.setItem(localeKey, locale);
}

const textScaleKey = 'text-scale';

/** The elderly mode text size last chosen on this phone (an index below `sizes`), or the first. */
export function storedTextScale(sizes: number): number {
  const stored = Number(globalThis.localStorage?.getItem(textScaleKey) ?? 0);
  return Number.isInteger(stored) && stored >= 0 && stored < sizes ? stored : 0;
}

export function storeTextScale(scale: number): void {
  globalThis.localStorage?.setItem(textScaleKey, String(scale));
}
