import { useI18n } from 'vue-i18n';
import type { AnswerValue, FormItem } from '../../shared/questionnaire/form';
import type { AnswerIssue } from '../../shared/questionnaire/logic';
import { noOpinion, satisfactionScale } from '../../shared/questionnaire/scale';
import { useLocalized } from './useLocalized';

/** One choice as shown: what is stored when it is picked, and its label in the current language. */
export interface ShownOption {
  key: string;
  value: string | boolean;
  label: string;
}

/** The choices an item offers and how an answer reads back, in the current language. */
export function useFormOptions() {
  const { t } = useI18n();
  const { localize } = useLocalized();

  function optionsOf(item: FormItem): ShownOption[] {
    switch (item.kind) {
      case 'satisfaction':
        return satisfactionScale
          .filter((option) => item.allowNoOpinion !== false || option.id !== noOpinion)
          .map((option) => ({ key: option.id, value: option.id, label: localize(option.label) }));
      case 'yes_no':
        return [
          { key: 'yes', value: true, label: t('survey.form.yes') },
          { key: 'no', value: false, label: t('survey.form.no') },
        ];
      case 'single_choice':
      case 'multiple_choice':
        return (item.options ?? []).map((option) => ({ key: option.id, value: option.id, label: localize(option.label) }));
      default:
        return [];
    }
  }

  /** An answer as a sentence fragment, or the "not answered" text. */
  function answerText(item: FormItem, value: AnswerValue | undefined): string {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('survey.form.unanswered');
    const options = optionsOf(item);
    if (options.length === 0) return String(value);
    const chosen = Array.isArray(value) ? value : [value];
    return chosen.map((picked) => options.find((option) => option.value === picked)?.label ?? String(picked)).join(t('survey.form.listSeparator'));
  }

  /** What read-aloud says for an item: the question, its explanation and its choices. */
  function spokenText(item: FormItem): string {
    const parts = [localize(item.text)];
    if (item.help) parts.push(localize(item.help));
    const options = optionsOf(item);
    if (options.length > 0) parts.push(t('survey.speech.choices', { choices: options.map((option) => option.label).join(t('survey.form.listSeparator')) }));
    // A pause between parts, unless the part already ends a sentence.
    return parts.reduce((spoken, part) => (/[。.？?！!]$/u.test(spoken) ? `${spoken} ${part}` : `${spoken}${t('survey.speech.pause')}${part}`));
  }

  /** What a problem says; a record form (`fields`) words "required" as a field to fill, not a question to answer. */
  function issueMessage(issue: AnswerIssue, fields = false): string {
    return fields && issue.code === 'required' ? t('survey.form.fieldIssueRequired') : t(`survey.form.issues.${issue.code}`, issue);
  }

  /** The mark beside a required item's label. */
  function requiredMark(fields = false): string {
    return t(fields ? 'survey.form.fieldRequired' : 'survey.form.required');
  }

  return { optionsOf, answerText, spokenText, issueMessage, requiredMark };
}
