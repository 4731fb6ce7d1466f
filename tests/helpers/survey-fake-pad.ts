/**
 * A stand-in for signature_pad in happy-dom, which has no 2D canvas: `draw()` is a stroke.
 * Use with `vi.mock('signature_pad', () => import('../helpers/survey-fake-pad'))`.
 */
export const pads: FakePad[] = [];

export default class FakePad {
  private strokes: unknown[] = [];
  private listeners = new Map<string, () => void>();
  /** False once the component let go of it: strokes then reach nothing on screen. */
  attached = true;
  constructor(readonly canvas: HTMLCanvasElement) {
    pads.push(this);
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  isEmpty() {
    return this.strokes.length === 0;
  }
  toData() {
    return this.strokes;
  }
  fromData(strokes: unknown[]) {
    this.strokes = [...strokes];
  }
  clear() {
    this.strokes = [];
  }
  off() {
    this.attached = false;
  }
  draw() {
    this.strokes.push({ points: [{ x: 1, y: 1 }] });
    this.listeners.get('endStroke')?.();
  }
}
