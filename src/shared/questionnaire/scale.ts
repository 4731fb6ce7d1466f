import framework from '../reference/evaluation-framework.json';
import type { LocalizedText } from './form';

/** The 5-point satisfaction scale plus "no opinion", best first, as in the evaluation framework. */
export interface SatisfactionOption {
  id: string;
  label: LocalizedText;
  /** 0-100; null for "no opinion", which is left out of scores. */
  score: number | null;
}

export const noOpinion = 'no_opinion';

export const satisfactionScale: readonly SatisfactionOption[] = framework.satisfactionScale.options.map((option) => ({
  id: option.id,
  label: { zh: option.zh, en: option.en },
  score: option.score,
}));

export const satisfactionOptionIds: readonly string[] = satisfactionScale.map((option) => option.id);
