/** Small per-device choices kept in localStorage, read synchronously before the app mounts. */

const localeKey = 'locale';

export function savedLocale(): string | null {
  return globalThis.localStorage?.getItem(localeKey) ?? null;
}

export function saveLocale(locale: string): void {
  globalThis.localStorage?.setItem(localeKey, locale);
}
