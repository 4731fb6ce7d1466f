import framework from '../../shared/reference/evaluation-framework.json';
import type { Condition, LocalizedText } from '../../shared/questionnaire/form';
import type { QuestionItem, QuestionnaireDefinition } from '../../shared/questionnaire/definition';

/**
 * The three default questionnaires of the demo data (round 2026-H1). Each covers all 17 indicators
 * of the evaluation framework and ends with a negative part. Item ids are stable across versions:
 * a satisfaction item is `sat_<indicator id>`.
 */

const indicatorLevels = new Map(
  framework.dimensions.flatMap((dimension) => dimension.indicators.map((indicator) => [indicator.id, indicator.level as QuestionItem['level']] as const)),
);

function levelOf(indicatorId: string): QuestionItem['level'] {
  const level = indicatorLevels.get(indicatorId);
  if (!level) throw new Error(`unknown indicator ${indicatorId}`);
  return level;
}

const text = (zh: string, en: string): LocalizedText => ({ zh, en });

function satisfaction(indicatorId: string, question: LocalizedText, extra: Partial<QuestionItem> = {}): QuestionItem {
  return {
    id: `sat_${indicatorId}`,
    kind: 'satisfaction',
    text: question,
    indicatorId,
    evaluation: 'positive',
    level: levelOf(indicatorId),
    constraints: { required: true },
    ...extra,
  };
}

const concernOptions = [
  { id: 'environment_cleanup', label: text('环境卫生', 'Environment and sanitation') },
  { id: 'old_estate_renovation', label: text('老旧小区出新', 'Renovation of old estates') },
  { id: 'property_management', label: text('物业管理', 'Property management') },
  { id: 'illegal_structures', label: text('违章搭建', 'Illegal structures') },
  { id: 'ev_charging', label: text('电动车充电', 'EV charging points') },
  { id: 'noise_fumes', label: text('噪声和油烟扰民', 'Noise and cooking fumes') },
  { id: 'other', label: text('其他', 'Other') },
];

/** "Which problems concern you most", with a comment when "other" is chosen. */
function negativePart(question: LocalizedText, otherQuestion: LocalizedText): QuestionItem[] {
  return [
    {
      id: 'concerns',
      kind: 'multiple_choice',
      text: question,
      help: text('最多选三项，没有可以不选', 'Choose up to three, or none'),
      options: concernOptions,
      evaluation: 'negative',
      level: 'subdistrict',
      constraints: { maxSelections: 3 },
    },
    {
      id: 'concerns_other',
      kind: 'short_text',
      text: otherQuestion,
      evaluation: 'negative',
      level: 'subdistrict',
      relevant: { op: 'includes', item: 'concerns', value: 'other' },
      constraints: { required: true, maxLength: 200 },
    },
  ];
}

function gridVisitGate(question: LocalizedText): QuestionItem {
  return { id: 'grid_visited', kind: 'yes_no', text: question, indicatorId: 'sd_grid_visits', evaluation: 'positive', level: 'social_worker', constraints: { required: true } };
}

const visitedByGridWorker: Condition = { op: 'equals', item: 'grid_visited', value: true };

const elderly: QuestionnaireDefinition = {
  id: 'resident-elderly',
  version: 1,
  audience: 'elderly',
  title: text('老年居民满意度问卷', 'Satisfaction questionnaire for elderly residents'),
  intro: text('老人家您好！我们想听听您对社区和街道工作的看法，问题都不难，照实说就行。', 'Hello! We would like to hear what you think of the community and sub-district. The questions are simple; just say what you think.'),
  elderlyMode: true,
  items: [
    satisfaction('pb_org_service', text('社区党组织帮大家办实事，您满意吗？', 'Does the community Party organisation get things done for residents? Are you satisfied?')),
    satisfaction('pb_member_role', text('身边的党员带头为大家做事，您满意吗？', 'Do Party members near you take the lead in helping others? Are you satisfied?')),
    satisfaction('pb_transparency', text('社区和街道的事情都告诉大家、公开透明，您满意吗？', 'Do the community and sub-district tell residents what they do? Are you satisfied?')),
    satisfaction('pb_cadre_conduct', text('街道和社区干部办事的态度，您满意吗？', 'How do sub-district and community staff treat you? Are you satisfied?')),
    satisfaction('ug_environment', text('小区和街巷打扫得干净吗？您满意吗？', 'Are your estate and lanes kept clean? Are you satisfied?')),
    satisfaction('ug_old_estates', text('老小区出新（楼道、管道、外墙）做得怎么样？您满意吗？', 'How was the renovation of old estates (stairs, pipes, walls)? Are you satisfied?')),
    satisfaction('ug_property_mgmt', text('物业或小区管理服务，您满意吗？', 'Are you satisfied with the property management of your estate?')),
    satisfaction('ug_illegal_structures', text('乱搭乱建管得怎么样？您满意吗？', 'Are illegal structures dealt with? Are you satisfied?')),
    satisfaction('ug_parking_charging', text('停车和电动车充电方便吗？您满意吗？', 'Is parking and charging electric bikes easy? Are you satisfied?')),
    satisfaction('ug_noise_fumes', text('噪音、油烟这些扰民的事管得怎么样？您满意吗？', 'Are noise and cooking fumes kept in check? Are you satisfied?')),
    satisfaction('lv_elderly_care', text('社区给老人的服务（助餐、探望、活动），您满意吗？', 'Are you satisfied with the services for older people (meals, home visits, activities)?')),
    satisfaction('lv_convenience', text('在社区办事方便吗？您满意吗？', 'Is it easy to get things done at the community office? Are you satisfied?')),
    satisfaction('lv_health', text('看病和社区医院的服务，您满意吗？', 'Are you satisfied with seeing a doctor and the community clinic?')),
    satisfaction('lv_assistance', text('对困难家庭的帮扶和找工作的帮助，您满意吗？', 'Are you satisfied with help for families in need and for finding work?')),
    satisfaction('sd_public_safety', text('住在这里觉得安全吗？您对治安满意吗？', 'Do you feel safe here? Are you satisfied with public safety?')),
    satisfaction('sd_legal_services', text('遇到法律上的事，社区能帮您找到人吗？您满意吗？', 'When you have a legal question, can the community find you help? Are you satisfied?')),
    gridVisitGate(text('最近半年，网格员到您家来看过您吗？', 'In the last six months, has a grid worker come to see you at home?')),
    satisfaction('sd_grid_visits', text('网格员上门来看您，您满意吗？', 'Are you satisfied with the grid worker’s visits?'), { relevant: visitedByGridWorker }),
    ...negativePart(text('您最操心的是哪些问题？', 'Which problems concern you most?'), text('您说的“其他”问题是什么？', 'What is the “other” problem?')),
  ],
};

const anyUnsatisfied: Condition = {
  op: 'any',
  conditions: [...indicatorLevels.keys()].map((indicatorId) => ({ op: 'one_of', item: `sat_${indicatorId}`, values: ['unsatisfied', 'very_unsatisfied'] })),
};

const adult: QuestionnaireDefinition = {
  id: 'resident-adult',
  version: 1,
  audience: 'adult',
  title: text('中青年居民满意度问卷', 'Satisfaction questionnaire for young and middle-aged residents'),
  intro: text('您好！本问卷了解您对本街道、社区管理服务和网格员走访服务的评价，回答仅用于统计。', 'Hello! This questionnaire asks how you rate the sub-district’s and community’s services and the grid workers’ visits. Answers are used for statistics only.'),
  items: [
    satisfaction('pb_org_service', text('您对社区党组织联系服务群众的情况是否满意？', 'How satisfied are you with how the community Party organisation serves residents?')),
    satisfaction('pb_member_role', text('您对党员在社区事务中发挥先锋模范作用是否满意？', 'How satisfied are you with Party members setting an example in community affairs?')),
    satisfaction('pb_transparency', text('您对党务、政务、居务公开的及时性和透明度是否满意？', 'How satisfied are you with the timeliness and openness of Party, government and community affairs?')),
    satisfaction('pb_cadre_conduct', text('您对街道、社区干部的工作作风和办事效率是否满意？', 'How satisfied are you with the conduct and efficiency of sub-district and community officials?')),
    {
      id: 'reported_problem',
      kind: 'yes_no',
      text: text('本半年内，您是否向社区或街道反映过问题？', 'In the last six months, have you reported a problem to the community or sub-district?'),
      indicatorId: 'pb_cadre_conduct',
      evaluation: 'positive',
      level: 'subdistrict',
      constraints: { required: true },
    },
    {
      id: 'problem_resolved',
      kind: 'single_choice',
      text: text('您反映的问题处理得怎么样？', 'How was the problem you reported handled?'),
      options: [
        { id: 'resolved', label: text('已经解决', 'Resolved') },
        { id: 'partly', label: text('部分解决', 'Partly resolved') },
        { id: 'in_progress', label: text('正在处理', 'Still being handled') },
        { id: 'unresolved', label: text('没有解决，也没有回音', 'Not resolved and no reply') },
      ],
      indicatorId: 'pb_cadre_conduct',
      evaluation: 'positive',
      level: 'subdistrict',
      relevant: { op: 'equals', item: 'reported_problem', value: true },
      constraints: { required: true },
    },
    satisfaction('ug_environment', text('您对小区及周边道路的环境卫生是否满意？', 'How satisfied are you with the cleanliness of your estate and nearby streets?')),
    satisfaction('ug_old_estates', text('您对老旧小区出新改造的效果是否满意？', 'How satisfied are you with the results of the renovation of old estates?')),
    satisfaction('ug_property_mgmt', text('您对所在小区的物业管理服务是否满意？', 'How satisfied are you with the property management of your estate?')),
    satisfaction('ug_illegal_structures', text('您对违法建设的治理是否满意？', 'How satisfied are you with the control of illegal structures?')),
    satisfaction('ug_parking_charging', text('您对停车秩序和充电桩等设施是否满意？', 'How satisfied are you with parking order and EV charging points?')),
    satisfaction('ug_noise_fumes', text('您对噪声、餐饮油烟等扰民问题的治理是否满意？', 'How satisfied are you with how noise, restaurant fumes and other nuisances are handled?')),
    satisfaction('lv_elderly_care', text('您对社区养老服务（居家养老、助餐点等）是否满意？', 'How satisfied are you with elderly care in the community (home care, meal points)?')),
    satisfaction('lv_convenience', text('您对便民服务和社区“一站式”通办是否满意？', 'How satisfied are you with convenience and one-stop community services?')),
    satisfaction('lv_health', text('您对社区卫生服务中心等医疗卫生服务是否满意？', 'How satisfied are you with health services such as the community health centre?')),
    satisfaction('lv_assistance', text('您对就业帮扶和社会救助工作是否满意？', 'How satisfied are you with employment support and social assistance?')),
    satisfaction('sd_public_safety', text('您对社会治安和平安建设是否满意？', 'How satisfied are you with public safety?')),
    satisfaction('sd_legal_services', text('您对社区法律顾问等公共法律服务是否满意？', 'How satisfied are you with public legal services such as the community legal adviser?')),
    {
      id: 'deliberation_attended',
      kind: 'yes_no',
      text: text('您是否参加过社区“援法议事”活动？', 'Have you taken part in a community legal-deliberation session?'),
      indicatorId: 'sd_legal_services',
      evaluation: 'positive',
      level: 'community',
      constraints: { required: true },
    },
    gridVisitGate(text('本半年内，网格员是否入户走访过您家？', 'In the last six months, has a grid worker visited your home?')),
    satisfaction('sd_grid_visits', text('您对网格员入户走访服务是否满意？', 'How satisfied are you with the grid worker’s visits?'), { relevant: visitedByGridWorker }),
    satisfaction('ug_environment', text('您对明城墙挹江门段沿线环境和秩序是否满意？', 'How satisfied are you with the surroundings and order along the Yijiangmen section of the city wall?'), {
      id: 'special_yijiangmen_city_wall',
      evaluation: 'special',
      subdistrictId: 'yijiangmen',
    }),
    ...negativePart(text('您最关注、最希望解决的问题是哪些？', 'Which problems concern you most and should be solved first?'), text('请具体说明“其他”问题', 'Please describe the “other” problem')),
    {
      id: 'improve_first',
      kind: 'long_text',
      text: text('对您不满意的方面，您希望优先改进什么？', 'Where you are not satisfied, what should be improved first?'),
      evaluation: 'negative',
      level: 'subdistrict',
      relevant: anyUnsatisfied,
      constraints: { maxLength: 1000 },
    },
    {
      id: 'suggestions',
      kind: 'long_text',
      text: text('您对街道和社区工作还有哪些意见建议？', 'Any other comments or suggestions for the sub-district and community?'),
      evaluation: 'negative',
      level: 'subdistrict',
      constraints: { maxLength: 1000 },
    },
  ],
};

const workUnit: QuestionnaireDefinition = {
  id: 'work-unit',
  version: 1,
  audience: 'work_unit',
  title: text('驻区单位满意度问卷', 'Satisfaction questionnaire for resident work units'),
  intro: text('本问卷由驻区单位负责人或其指定人员填写，了解贵单位对街道、社区服务的评价。', 'To be answered by the head of the work unit or a person they name: how the unit rates the sub-district’s and community’s services.'),
  items: [
    satisfaction('pb_org_service', text('贵单位对社区党组织开展共驻共建、服务驻区单位是否满意？', 'How satisfied is your unit with how the community Party organisation works with and serves local units?')),
    satisfaction('pb_member_role', text('贵单位对辖区党员在志愿服务等方面的带头作用是否满意？', 'How satisfied is your unit with local Party members leading in volunteering and similar work?')),
    satisfaction('pb_transparency', text('贵单位对街道政务信息公开是否满意？', 'How satisfied is your unit with the openness of the sub-district’s affairs?')),
    satisfaction('pb_cadre_conduct', text('贵单位对街道干部的服务意识和办事效率是否满意？', 'How satisfied is your unit with the service attitude and efficiency of sub-district officials?')),
    satisfaction('ug_environment', text('贵单位对周边市容环境卫生是否满意？', 'How satisfied is your unit with the streetscape and sanitation around it?')),
    satisfaction('ug_old_estates', text('贵单位对周边老旧小区和街巷出新改造是否满意？', 'How satisfied is your unit with the renovation of nearby old estates and lanes?')),
    satisfaction('ug_property_mgmt', text('贵单位对所在楼宇或园区的物业管理是否满意？', 'How satisfied is your unit with the property management of its building or park?')),
    satisfaction('ug_illegal_structures', text('贵单位对周边违法建设治理是否满意？', 'How satisfied is your unit with the control of illegal structures nearby?')),
    satisfaction('ug_parking_charging', text('贵单位对周边停车和充电设施是否满意？', 'How satisfied is your unit with parking and charging points nearby?')),
    satisfaction('ug_noise_fumes', text('贵单位对周边噪声、油烟等扰民治理是否满意？', 'How satisfied is your unit with how noise, fumes and other nuisances nearby are handled?')),
    satisfaction('lv_elderly_care', text('贵单位对辖区养老服务设施和服务是否满意？', 'How satisfied is your unit with elderly-care facilities and services in the area?')),
    satisfaction('lv_convenience', text('贵单位对企业服务和政务“一站式”办理是否满意？', 'How satisfied is your unit with business services and one-stop administration?')),
    satisfaction('lv_health', text('贵单位对辖区医疗卫生服务是否满意？', 'How satisfied is your unit with health services in the area?')),
    satisfaction('lv_assistance', text('贵单位对就业招聘对接和社会救助工作是否满意？', 'How satisfied is your unit with job matching and social assistance?')),
    satisfaction('sd_public_safety', text('贵单位对周边治安和安全生产监管是否满意？', 'How satisfied is your unit with public safety and safety oversight nearby?')),
    satisfaction('sd_legal_services', text('贵单位对公共法律服务（法律咨询、调解等）是否满意？', 'How satisfied is your unit with public legal services (advice, mediation)?')),
    gridVisitGate(text('本半年内，网格员或社区工作人员是否走访过贵单位？', 'In the last six months, has a grid worker or community worker visited your unit?')),
    satisfaction('sd_grid_visits', text('贵单位对网格员走访服务是否满意？', 'How satisfied is your unit with the grid workers’ visits?'), { relevant: visitedByGridWorker }),
    ...negativePart(text('贵单位最希望解决的问题是哪些？', 'Which problems would your unit most like solved?'), text('请具体说明“其他”问题', 'Please describe the “other” problem')),
    {
      id: 'suggestions',
      kind: 'long_text',
      text: text('贵单位对街道和社区工作有哪些意见建议？', 'What comments or suggestions does your unit have for the sub-district and community?'),
      evaluation: 'negative',
      level: 'subdistrict',
      constraints: { maxLength: 1000 },
    },
  ],
};

export const defaultQuestionnaires: QuestionnaireDefinition[] = [elderly, adult, workUnit];
