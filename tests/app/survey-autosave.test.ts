import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from '../../src/app/composables/autosave';

/** An autosave listening to the page, as the interview store runs it while a draft is open. */
function mountAutosave(save: () => Promise<void>, delayMs?: number, onLeave?: () => void) {
  const autosave = createAutosave(save, { ...(delayMs === undefined ? {} : { delayMs }), ...(onLeave ? { onLeave } : {}) });
  autosave.listen();
  return { wrapper: { unmount: () => void autosave.stop() }, autosave };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
});

describe('autosave', () => {
  it('saves at most 500 ms after the first unsaved change, however long the typing goes on', async () => {
    const save = vi.fn(async () => undefined);
    const { autosave, wrapper } = mountAutosave(save, 2000);
    for (let typed = 0; typed < 5; typed += 1) {
      autosave.schedule();
      await vi.advanceTimersByTimeAsync(99);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.state.value).toBe('saved');
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('saves at once when the page is hidden or closed', async () => {
    const save = vi.fn(async () => undefined);
    const { autosave, wrapper } = mountAutosave(save);
    autosave.schedule();
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);
    autosave.schedule();
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('lets the caller keep a synchronous copy when the page goes away with unsaved changes', async () => {
    const save = vi.fn(async () => undefined);
    const onLeave = vi.fn();
    const { autosave, wrapper } = mountAutosave(save, undefined, onLeave);
    window.dispatchEvent(new Event('pagehide'));
    expect(onLeave).not.toHaveBeenCalled();
    autosave.schedule();
    window.dispatchEvent(new Event('pagehide'));
    expect(onLeave).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });

  it('saves what is pending when it is stopped, and nothing when all is saved', async () => {
    const save = vi.fn(async () => undefined);
    const { autosave, wrapper } = mountAutosave(save);
    autosave.schedule();
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);
    const idle = mountAutosave(save);
    idle.wrapper.unmount();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('keeps a failed change pending, reports it, and saves it on the next try', async () => {
    const failure = new Error('quota');
    const save = vi.fn<() => Promise<void>>().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    const { autosave, wrapper } = mountAutosave(save);
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(500);
    expect(autosave.state.value).toBe('failed');
    expect(autosave.error.value).toBe(failure);
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(autosave.state.value).toBe('saved');
    expect(autosave.error.value).toBeNull();
    wrapper.unmount();
  });

  it('does not run two saves at once: a change during a save is saved after it', async () => {
    let release!: () => void;
    const save = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const { autosave, wrapper } = mountAutosave(save);
    autosave.schedule();
    const first = autosave.flush();
    autosave.schedule();
    const second = autosave.flush();
    expect(save).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    release();
    await Promise.all([first, second]);
    expect(autosave.state.value).toBe('saved');
    wrapper.unmount();
  });
});
