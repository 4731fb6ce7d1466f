import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { parseRoundId, roundIdSchema } from '../../shared/organisation';
import type { LocalizedText } from '../../shared/questionnaire/form';

/** A round as people say it: "2026年上半年" rather than its id "2026-H1" (an id of another form as is). */
export function nameOfRound(roundId: string, t: (key: string, values: Record<string, unknown>) => string): string {
  if (!roundIdSchema.safeParse(roundId).success) return roundId;
  const { year, half } = parseRoundId(roundId);
  return t(`round.half${half}`, { year });
}

/** Picks the zh or en side of definition texts, and formats device times, for the interface language. */
export function useLocalized() {
  const { locale, t } = useI18n();
  const isEnglish = computed(() => locale.value === 'en');
  /** BCP 47 tag of the texts shown, for `lang` attributes and speech. */
  const lang = computed(() => (isEnglish.value ? 'en' : 'zh-CN'));
  const localize = (text: LocalizedText): string => (isEnglish.value ? text.en : text.zh);
  const formatTime = (iso: string): string => new Date(iso).toLocaleString(lang.value, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  /** A calendar day (YYYY-MM-DD), shown without a time-zone shift. */
  const formatDay = (day: string): string => new Date(`${day}T12:00:00`).toLocaleDateString(lang.value, { month: 'long', day: 'numeric', weekday: 'short' });
  const roundName = (roundId: string): string => nameOfRound(roundId, t);
  return { localize, lang, formatTime, formatDay, roundName };
}
