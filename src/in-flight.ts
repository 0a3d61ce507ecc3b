/** Work that must finish before shutdown: listener bodies that run on after their ack. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.pending.size;
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

/** Runs work at most `concurrency` at a time; see createLimiter. */
export interface Limiter {
  <T>(work: () => Promise<T>): Promise<T>;
  readonly concurrency: number;
  /** Pieces of work running now. */
  readonly running: number;
  /** Pieces of work waiting for a slot. */
  readonly waiting: number;
}

/**
 * Runs at most `concurrency` pieces of work at once; the rest wait their turn in arrival order.
 * Slash commands run their work after the acknowledgement through one of these: under a burst,
 * the database work of a few hundred commands queues here instead of flooding the event loop
 * with callbacks, so the next request is still read and acknowledged at once.
 */
export function createLimiter(concurrency: number): Limiter {
  let running = 0;
  const waiting: Array<() => void> = [];
  // A finished piece hands its slot straight to the longest waiting one.
  const next = () => {
    const waiter = waiting.shift();
    if (waiter) waiter();
    else running -= 1;
  };
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      next();
    }
  };
  return Object.defineProperties(run, {
    concurrency: { value: concurrency },
    running: { get: () => running },
    waiting: { get: () => waiting.length },
  }) as Limiter;
}

/**
 * How many pieces of work are ahead of one that arrives now, when it is worth telling the person
 * who asked: every slot is busy and at least a whole round of work already waits (a short wait
 * for a free slot is not news). Undefined otherwise.
 */
export function queuedAhead(limiter: Pick<Limiter, 'concurrency' | 'running' | 'waiting'>): number | undefined {
  const full = limiter.running >= limiter.concurrency;
  return full && limiter.waiting >= limiter.concurrency ? limiter.running + limiter.waiting : undefined;
}
