/**
 * Semaphore bounds concurrent work: at most `max` run at once and at most `queue` wait; beyond
 * that `run` refuses at once (the caller answers "busy") instead of queueing without bound.
 * @example const kdf = new Semaphore(2, 32); await kdf.run(() => scrypt(...))
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly queue: number,
  ) {}

  /** run calls `fn` when a slot is free and returns its result; it throws SemaphoreBusy when full. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      if (this.waiting.length >= this.queue) throw new SemaphoreBusy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/** SemaphoreBusy is thrown when both the slots and the queue are full. */
export class SemaphoreBusy extends Error {
  constructor() {
    super("too much concurrent work");
    this.name = "SemaphoreBusy";
  }
}
