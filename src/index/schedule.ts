/** A full walk every this many reconcile ticks when the counts disagree, and every FULL_ALWAYS_EVERY in any case. */
export const FULL_EVERY = 10;
export const FULL_ALWAYS_EVERY = 120;

/**
 * fullWalkDue tells whether reconcile tick `n` walks all of Mailpit: every tenth tick, unless
 * Mailpit holds as many messages as the index (a full walk reads every summary Mailpit has: at
 * 100,000 messages 200 pages, which both processes felt); every hundred-and-twentieth tick walks
 * everything anyway, and so does a tick whose counts cannot be read. The other ticks walk quickly.
 */
export async function fullWalkDue(n: number, counts: () => Promise<{ upstream: number; indexed: number }>): Promise<boolean> {
  if (n % FULL_EVERY !== 0) return false;
  if (n % FULL_ALWAYS_EVERY === 0) return true;
  try {
    const { upstream, indexed } = await counts();
    return upstream !== indexed;
  } catch {
    return true;
  }
}
