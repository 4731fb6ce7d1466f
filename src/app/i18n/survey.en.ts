import type { SurveyMessages } from './survey.zh-CN';

export const surveyEn: SurveyMessages = {
  title: 'Door-to-door visits',
};
