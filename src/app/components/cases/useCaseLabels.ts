import { referenceFramework, referenceSubdistricts } from '../../../shared/organisation';
import { useLocalized } from '../../composables/useLocalized';
import { useHouseholdAddress } from '../survey/useHouseholdAddress';

/** Names of a case's category and communities in the interface language. */
export function useCaseLabels() {
  const { localize } = useLocalized();
  const { communityName } = useHouseholdAddress();
  const categories = new Map(referenceFramework.hotIssues.map((issue) => [issue.id, { zh: issue.zh, en: issue.en }]));
  const categoryName = (id: string): string => {
    const text = categories.get(id);
    return text ? localize(text) : id;
  };
  const subdistricts = new Map(referenceSubdistricts.map((s) => [s.id, { zh: s.nameZh, en: s.nameEn }]));
  const subdistrictName = (id: string): string => {
    const text = subdistricts.get(id);
    return text ? localize(text) : id;
  };
  const communityNames = (ids: readonly string[]): string => ids.map(communityName).join('、');
  return { categoryName, subdistrictName, communityName, communityNames, categoryIds: [...categories.keys()] };
}
