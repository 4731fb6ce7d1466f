import type { Department } from '../../shared/cases/api';

/**
 * A plausible set of district functional departments (职能部门) for the demo, marked synthetic: the
 * case does not list them, and the administrator edits the real ones.
 */
export const demoDepartments: readonly Department[] = [
  { id: 'urban-management', nameZh: '区城市管理局', nameEn: 'District Urban Management Bureau', synthetic: true },
  { id: 'housing-construction', nameZh: '区住房和城乡建设局', nameEn: 'District Housing and Construction Bureau', synthetic: true },
  { id: 'market-regulation', nameZh: '区市场监督管理局', nameEn: 'District Market Regulation Bureau', synthetic: true },
  { id: 'ecology-environment', nameZh: '区生态环境分局', nameEn: 'District Ecology and Environment Office', synthetic: true },
  { id: 'public-security', nameZh: '区公安分局', nameEn: 'District Public Security Bureau', synthetic: true },
  { id: 'civil-affairs', nameZh: '区民政局', nameEn: 'District Civil Affairs Bureau', synthetic: true },
  { id: 'health', nameZh: '区卫生健康委员会', nameEn: 'District Health Commission', synthetic: true },
  { id: 'transport', nameZh: '区交通运输局', nameEn: 'District Transport Bureau', synthetic: true },
];
