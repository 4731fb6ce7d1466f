import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** The browser's idea of connectivity; a hint for the UI, never proof that the server is reachable. */
export function useOnline(): Ref<boolean> {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const update = () => {
    online.value = navigator.onLine;
  };
  onMounted(() => {
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return online;
}
