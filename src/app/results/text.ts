import { computed, ref } from 'vue';
import { parseRoundId } from '../../shared/organisation';
import { saveLocale, savedLocale } from '../db/preferences';
import { resultsEn } from '../i18n/results.en';
import { resultsZhCN } from '../i18n/results.zh-CN';
import { fillMessage as fill, lookUpMessage } from '../i18n/lookup';

/**
 * The public page's messages: a lookup with {name} placeholders instead of vue-i18n, whose message
 * compiler alone would cost the page a quarter of its 80 KB budget. zh-CN unless the visitor chose
 * English (kept by db/preferences, as the app keeps it).
 */
export type ResultsLocale = 'zh-CN' | 'en';
const messages = { 'zh-CN': resultsZhCN, en: resultsEn };

export const resultsLocale = ref<ResultsLocale>(savedLocale() === 'en' ? 'en' : 'zh-CN');

export function setResultsLocale(locale: ResultsLocale): void {
  resultsLocale.value = locale;
  saveLocale(locale);
  document.documentElement.lang = locale;
}

function lookup(key: string): unknown {
  return lookUpMessage(messages[resultsLocale.value], key);
}

export function useResultsText() {
  const t = (key: string, values: Record<string, string | number> = {}): string => {
    const message = lookup(key);
    return typeof message === 'string' ? fill(message, values) : key;
  };
  /** A list of messages (the method's points), each filled in. */
  const list = (key: string, values: Record<string, string | number> = {}): string[] => {
    const message = lookup(key);
    return Array.isArray(message) ? message.map((item: string) => fill(item, values)) : [];
  };
  /** "2025年下半年" rather than the round's id. */
  const roundName = (roundId: string): string => {
    const { year, half } = parseRoundId(roundId);
    return t(`roundNames.half${half}`, { year });
  };
  return { t, list, roundName, locale: computed(() => resultsLocale.value) };
}
