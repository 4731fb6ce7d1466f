import { useI18n } from 'vue-i18n';
import { useLocalized } from '../../composables/useLocalized';
import { useFieldworkStore } from '../../stores/fieldwork';

export interface PlacedAddress {
  communityId: string;
  building: string;
  unit: string;
  room: string;
}

/**
 * Addresses as the field-work screens write them. Two communities may both have 1栋1单元101室, so
 * lists that cross communities, and the visit page, name the community too (`withCommunity`).
 */
export function useHouseholdAddress() {
  const { t } = useI18n();
  const { localize } = useLocalized();
  const fieldwork = useFieldworkStore();

  function communityName(communityId: string): string {
    const community = fieldwork.community(communityId);
    return community ? localize({ zh: community.nameZh, en: community.nameEn }) : communityId;
  }

  function address({ building, unit, room }: Omit<PlacedAddress, 'communityId'>): string {
    return t('survey.address', { building, unit, room });
  }

  function withCommunity(place: PlacedAddress): string {
    return t('survey.addressIn', { community: communityName(place.communityId), address: address(place) });
  }

  return { communityName, address, withCommunity };
}
