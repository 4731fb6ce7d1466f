/** Messages of the door-to-door survey (visits, questionnaires, signatures), under `survey.`. */
export const surveyZhCN = {
  title: '入户走访',
};
export type SurveyMessages = typeof surveyZhCN;
