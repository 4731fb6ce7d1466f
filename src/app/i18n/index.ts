import { createI18n } from 'vue-i18n';
import { preferenceStorage } from '../db/preferences';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

const storageKey = 'locale';

function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale);
}

/** zh-CN unless the user chose English on this device. */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined = preferenceStorage()): Locale {
  const saved = storage?.getItem(storageKey);
  return isLocale(saved) ? saved : 'zh-CN';
}

export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  });
}

export function applyLocale(locale: Locale, storage: Pick<Storage, 'setItem'> | undefined = preferenceStorage()): void {
  storage?.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}
