import { onBeforeUnmount, onMounted } from 'vue';
import { useI18n } from 'vue-i18n';
import { onBeforeRouteLeave } from 'vue-router';

/**
 * What an editor page holds only in memory until its save button is pressed is not dropped
 * silently: leaving for another route (a link, the back button) asks first, and closing or
 * reloading the tab gets the browser's own "leave this site?" question. Every editor page uses
 * this; pages that save as the user types (drafts) need no guard.
 */
export function useUnsavedGuard(hasUnsaved: () => boolean): void {
  const { t } = useI18n();
  onBeforeRouteLeave(() => !hasUnsaved() || window.confirm(t('errors.unsavedLeave')));
  function beforeUnload(event: BeforeUnloadEvent): void {
    if (hasUnsaved()) event.preventDefault();
  }
  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));
}
