import { itemsForSubdistrict, type QuestionnaireDefinition } from './definition';
import type { Answers, FormItem } from './form';
import { visibleItems } from './logic';

/**
 * Seconds one question takes: read aloud to a resident at the door (elderly residents among them),
 * or read and tapped by residents themselves on the online page. The one source of every "约需 N 分钟".
 */
const secondsPerQuestion = { readAloud: 25, selfAnswered: 10 } as const;
export type AnsweringMode = keyof typeof secondsPerQuestion;

/** How many questions a questionnaire shows for these answers (the form's 共 N 题) and the minutes they take, rounded up. */
export function questionnaireLength(items: readonly FormItem[], answers: Answers, mode: AnsweringMode): { questions: number; minutes: number } {
  const questions = visibleItems(items, answers).length;
  return { questions, minutes: Math.max(1, Math.ceil((questions * secondsPerQuestion[mode]) / 60)) };
}

/** The minutes the longest of these questionnaires takes in a sub-district: what a poster or a page promises before the audience is chosen. */
export function longestMinutes(definitions: readonly QuestionnaireDefinition[], subdistrictId: string | undefined, mode: AnsweringMode): number {
  return Math.max(1, ...definitions.map((definition) => questionnaireLength(itemsForSubdistrict(definition, subdistrictId), {}, mode).minutes));
}
