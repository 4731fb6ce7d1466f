import { onBeforeUnmount, onMounted } from 'vue';
import { referenceFramework, referenceSubdistricts } from '../../../shared/organisation';
import type { LocalizedText } from '../../../shared/questionnaire/form';
import { useLocalized } from '../../composables/useLocalized';
import { useCasesStore } from '../../stores/cases';

/**
 * Names of a case's category, sub-district and communities in the interface language. Community
 * names come from the organisation pulled to the device, read again as a pull brings them.
 */
export function useCaseLabels() {
  const { localize } = useLocalized();
  const store = useCasesStore();
  let stopFollowing: (() => void) | undefined;
  onMounted(() => {
    stopFollowing = store.followCommunities();
  });
  onBeforeUnmount(() => stopFollowing?.());

  const named = (names: ReadonlyMap<string, LocalizedText>, id: string): string => {
    const text = names.get(id);
    return text ? localize(text) : id;
  };
  const categories = new Map(referenceFramework.hotIssues.map((issue) => [issue.id, { zh: issue.zh, en: issue.en }]));
  const subdistricts = new Map(referenceSubdistricts.map((s) => [s.id, { zh: s.nameZh, en: s.nameEn }]));
  const categoryName = (id: string) => named(categories, id);
  const subdistrictName = (id: string) => named(subdistricts, id);
  const communityName = (id: string) => named(store.communities, id);
  const communityNames = (ids: readonly string[]): string => ids.map(communityName).join('、');
  return { categoryName, subdistrictName, communityName, communityNames, categoryIds: [...categories.keys()] };
}
