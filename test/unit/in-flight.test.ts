import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/in-flight';

const tick = () => new Promise((r) => setImmediate(r));

describe('createLimiter', () => {
  it('runs at most `concurrency` at once, the rest in arrival order', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const release: Array<() => void> = [];
    const work = (i: number) =>
      limit(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((r) => release.push(r));
        running -= 1;
        return i;
      });
    const all = [0, 1, 2, 3, 4].map(work);
    await tick();
    expect(started).toEqual([0, 1]);
    release.shift()?.();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    while (started.length < 5 || release.length > 0) {
      release.shift()?.();
      await tick();
    }
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('frees the slot when the work fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
    const order: string[] = [];
    await Promise.all([
      limit(async () => order.push('a')),
      limit(() => Promise.reject(new Error('x'))).catch(() => order.push('b failed')),
      limit(async () => order.push('c')),
    ]);
    // c still ran after b failed in the one slot.
    expect(order[0]).toBe('a');
    expect([...order].sort()).toEqual(['a', 'b failed', 'c']);
  });
});
