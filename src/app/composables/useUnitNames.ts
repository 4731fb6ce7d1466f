import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { districtId } from '../../shared/organisation';
import type { Organisation } from '../../shared/organisation-editing';
import { useLocalized } from './useLocalized';

/** Names of the district, sub-districts, communities and departments by id, in the interface language (unknown ids stay as they are). */
export function useUnitNames(organisation: Ref<Organisation>) {
  const { t } = useI18n();
  const { localize } = useLocalized();
  const names = computed(() => {
    const byId = new Map<string, string>([[districtId, t('people.scopeWholeDistrict')]]);
    for (const s of organisation.value.subdistricts) byId.set(s.id, localize({ zh: s.nameZh, en: s.nameEn }));
    for (const c of organisation.value.communities) byId.set(c.id, localize({ zh: c.nameZh, en: c.nameEn }));
    for (const d of organisation.value.departments) byId.set(d.id, localize({ zh: d.nameZh, en: d.nameEn }));
    return byId;
  });
  return (ids: readonly string[]): string[] => ids.map((id) => names.value.get(id) ?? id);
}
