import { createI18n } from 'vue-i18n';
import { savedLocale, saveLocale } from '../db/preferences';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale);
}

/** zh-CN unless the user chose English on this device. */
export function initialLocale(): Locale {
  const saved = savedLocale();
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

export function applyLocale(locale: Locale): void {
  saveLocale(locale);
  document.documentElement.lang = locale;
}
