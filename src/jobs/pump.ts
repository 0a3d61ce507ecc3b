/**
 * Runs `work` repeatedly without overlap: a kick while a round is running asks for one more
 * round afterwards instead of a second concurrent one. `work` returns how much it did; the pump
 * keeps going while there is more to do.
 */
export interface Pump {
  kick(): void;
  /** Resolves when no round is running or requested. */
  idle(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Calls `listener` each time the pump runs out of work, with how much its rounds did since it
   * was kicked; the scheduler uses it to decide when to look again. Returns an unsubscribe.
   */
  onIdle(listener: (done: number) => void): () => void;
}

export function createPump(work: () => Promise<number>, onError: (err: unknown) => void): Pump {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const listeners = new Set<(done: number) => void>();

  const loop = async (): Promise<number> => {
    let total = 0;
    do {
      again = false;
      try {
        const done = await work();
        total += done;
        if (done > 0 && !stopped) again = true;
      } catch (err) {
        onError(err);
      }
    } while (again && !stopped);
    return total;
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().then(
      (total) => {
        running = undefined;
        // Only once `running` is cleared, so a listener that kicks starts a new round.
        if (stopped) return;
        for (const listener of listeners) {
          try {
            listener(total);
          } catch (err) {
            onError(err);
          }
        }
      },
      () => {
        running = undefined;
      },
    );
  };

  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      while (running) await running;
    },
    onIdle(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
