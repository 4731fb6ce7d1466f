import SignaturePad from 'signature_pad';
import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';

/**
 * A signature_pad on a canvas: tracks whether anything was drawn, keeps the strokes when the
 * canvas is resized (rotating a phone), and exports a PNG. It follows the canvas element, so a
 * canvas that leaves the page and comes back (declining, then returning to sign) takes strokes again.
 */
export function useSignaturePad(canvas: Ref<HTMLCanvasElement | null>) {
  const empty = ref(true);
  let pad: SignaturePad | undefined;
  let padCanvas: HTMLCanvasElement | undefined;

  function fitToScreen(): void {
    const element = canvas.value;
    if (!element || !pad) return;
    const strokes = pad.toData();
    // Draw in device pixels so that the signature is sharp on high-density screens.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    pad.clear();
    pad.fromData(strokes);
    empty.value = pad.isEmpty();
  }

  function detach(): void {
    window.removeEventListener('resize', fitToScreen);
    pad?.off();
    pad = undefined;
    padCanvas = undefined;
    empty.value = true;
  }

  /** Binds a pad to the canvas now on the page, unless it already has one. */
  function follow(element: HTMLCanvasElement | null): void {
    if (element === padCanvas) return;
    detach();
    if (element) attach(element);
  }

  function attach(element: HTMLCanvasElement): void {
    padCanvas = element;
    pad = new SignaturePad(element, { penColor: '#000', backgroundColor: 'rgb(255, 255, 255)', minWidth: 1, maxWidth: 3 });
    pad.addEventListener('endStroke', () => (empty.value = pad?.isEmpty() ?? true));
    fitToScreen();
    window.addEventListener('resize', fitToScreen);
  }

  onMounted(() => follow(canvas.value));
  watch(canvas, follow, { flush: 'post' });
  onBeforeUnmount(detach);

  function clear(): void {
    pad?.clear();
    empty.value = true;
  }

  /** The drawing as a PNG; undefined while nothing has been drawn. */
  function toPng(): Promise<Blob | undefined> {
    const element = canvas.value;
    if (!element || !pad || pad.isEmpty()) return Promise.resolve(undefined);
    return new Promise((resolve) => element.toBlob((blob) => resolve(blob ?? undefined), 'image/png'));
  }

  return { empty, clear, toPng };
}
