import { describe, expect, it } from 'vitest';
import { createPasswordSlots } from '../../src/server/auth/password-slots';

describe('password-hashing slots', () => {
  it('runs at most `concurrent` at once, lets `waiting` wait in order, and refuses beyond', async () => {
    const slots = createPasswordSlots({ concurrent: 2, waiting: 1 });
    const first = await slots.acquire()!;
    const second = await slots.acquire()!;
    const order: string[] = [];
    const third = slots.acquire()!.then((release) => {
      order.push('third');
      return release;
    });
    expect(slots.acquire()).toBeUndefined();
    first();
    const releaseThird = await third;
    expect(order).toEqual(['third']);
    // Two run (second, third); the line has room for one again.
    const fourth = slots.acquire();
    expect(fourth).toBeDefined();
    expect(slots.acquire()).toBeUndefined();
    second();
    (await fourth!)();
    releaseThird();
    const again = await slots.acquire()!;
    again();
  });
});
