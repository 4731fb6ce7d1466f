import { createI18n } from 'vue-i18n';
import { saveLocale, savedLocale } from '../db/preferences';
import { onlineEn } from '../i18n/online.en';
import { onlineZhCN } from '../i18n/online.zh-CN';
import { surveyEn } from '../i18n/survey.en';
import { surveyZhCN } from '../i18n/survey.zh-CN';

/**
 * The resident's page's messages: its own, and the form engine's (survey.form, survey.speech),
 * without the field app's and the office's. zh-CN unless this phone chose English before.
 */
export type OnlineLocale = 'zh-CN' | 'en';

const messages = {
  'zh-CN': { online: onlineZhCN, survey: { form: surveyZhCN.form, speech: surveyZhCN.speech }, round: { half1: '{year}年上半年', half2: '{year}年下半年' } },
  en: { online: onlineEn, survey: { form: surveyEn.form, speech: surveyEn.speech }, round: { half1: 'first half of {year}', half2: 'second half of {year}' } },
};

export function createOnlineI18n(locale: OnlineLocale = savedLocale() === 'en' ? 'en' : 'zh-CN') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages });
}

export function applyOnlineLocale(locale: OnlineLocale): void {
  saveLocale(locale);
  document.documentElement.lang = locale;
}
