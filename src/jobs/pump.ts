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
}

export function createPump(work: () => Promise<number>, onError: (err: unknown) => void): Pump {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const loop = async () => {
    do {
      again = false;
      try {
        const done = await work();
        if (done > 0 && !stopped) again = true;
      } catch (err) {
        onError(err);
      }
    } while (again && !stopped);
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => {
      running = undefined;
    });
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
  };
}
