import { ref, watch, type Ref } from 'vue';
import { storeTextScale, storedTextScale } from '../db/preferences';

/** Elderly mode's text sizes, as factors of its base size; the first is where a phone starts. */
export const textScales = [1, 1.25, 1.5] as const;

/**
 * The text size (an index into `textScales`) last chosen on this phone, kept like the phone's own
 * setting: a worker who enlarged the type finds it so after the review, at the next door and after
 * a reload.
 */
export function useTextScale(): Ref<number> {
  const textScale = ref(storedTextScale(textScales.length));
  watch(textScale, storeTextScale);
  return textScale;
}
