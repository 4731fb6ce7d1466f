import { inject, ref, type App, type InjectionKey, type Ref } from 'vue';
import { fillMessage, lookUpMessage, type MessageTree } from '../i18n/lookup';

/**
 * What the residents' page build puts in place of vue-i18n (an alias in vite.config.ts): the part
 * of its API that this page and the form components use, `createI18n({ locale, fallbackLocale,
 * messages })` and `useI18n()` giving `t(key, values)` with {name} placeholders and a writable
 * `locale`. vue-i18n and its message compiler would be a quarter of the page's 70 KB. Tests and the
 * app use the real vue-i18n, with the same messages.
 */
interface Translator {
  locale: Ref<string>;
  t: (key: string, values?: Readonly<Record<string, unknown>>) => string;
}

const translatorKey: InjectionKey<Translator> = Symbol('i18n-lite');

export function createI18n(options: { locale: string; fallbackLocale: string; messages: Readonly<Record<string, MessageTree>> }) {
  const locale = ref(options.locale);
  const t: Translator['t'] = (key, values = {}) => {
    const message = lookUpMessage(options.messages[locale.value] ?? {}, key) ?? lookUpMessage(options.messages[options.fallbackLocale] ?? {}, key);
    return typeof message === 'string' ? fillMessage(message, values) : key;
  };
  const global: Translator = { locale, t };
  return {
    global,
    install(app: App): void {
      app.provide(translatorKey, global);
    },
  };
}

export function useI18n(): Translator {
  const translator = inject(translatorKey);
  if (!translator) throw new Error('useI18n: createI18n() was not installed');
  return translator;
}
