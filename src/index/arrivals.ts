import type { MessageSummary } from "../mailpit/schemas.js";

/** How many announced summaries are kept for a relay whose `250` comes after Mailpit's event. */
const KEEP = 1024;

/**
 * Arrivals hands the summary in Mailpit's `new` event to the submission that relayed the message,
 * so indexing mail Sandpit just relayed asks Mailpit for its source only, not also for a page of
 * its list (DESIGN §2). Mailpit announces a message before its SMTP `250`, but the two travel on
 * different connections: either may reach Sandpit first.
 */
export interface Arrivals {
  /** heard records a summary Mailpit announced, and hands it to whoever waits for its ID. */
  heard(summary: MessageSummary): void;
  /** listening says whether this process hears Mailpit's events now (its websocket is open). */
  listening(open: boolean): void;
  /**
   * summaryOf is the announced summary of a message, waiting up to `ms` for the announcement while
   * events are heard; undefined when none came (the caller looks the message up instead).
   */
  summaryOf(id: string, ms: number): Promise<MessageSummary | undefined>;
  /**
   * expect marks a Message-ID this process is relaying, so its `new` event is held for the relay
   * (which indexes it with its envelope) instead of indexed twice over. The returned release takes
   * the ID the relay indexed, if any, and hands back the held summaries no relay of that Message-ID
   * will index (a relay that failed after Mailpit stored the message): the caller indexes those.
   */
  expect(messageId: string): (indexedId: string | undefined) => MessageSummary[];
  /** held keeps an announced summary for a relay that expects its Message-ID; false when none does. */
  held(summary: MessageSummary): boolean;
}

export function createArrivals(): Arrivals {
  const recent = new Map<string, MessageSummary>();
  const waiters = new Map<string, ((s: MessageSummary | undefined) => void)[]>();
  const expected = new Map<string, { relays: number; held: Map<string, MessageSummary> }>();
  let open = false;
  const settle = (id: string, s: MessageSummary | undefined) => {
    const ws = waiters.get(id);
    waiters.delete(id);
    for (const w of ws ?? []) w(s);
  };

  return {
    heard(summary) {
      recent.set(summary.ID, summary);
      if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
      settle(summary.ID, summary);
    },
    listening(now) {
      open = now;
      // Nothing more is coming over a closed socket: the waiters look their messages up.
      if (!now) for (const id of [...waiters.keys()]) settle(id, undefined);
    },
    expect(messageId) {
      const e = expected.get(messageId) ?? { relays: 0, held: new Map<string, MessageSummary>() };
      expected.set(messageId, e);
      e.relays++;
      return (indexedId) => {
        if (indexedId !== undefined) e.held.delete(indexedId);
        if (--e.relays > 0) return [];
        expected.delete(messageId);
        return [...e.held.values()];
      };
    },
    held(summary) {
      const e = expected.get(summary.MessageID);
      if (!e) return false;
      e.held.set(summary.ID, summary);
      return true;
    },
    summaryOf(id, ms) {
      const known = recent.get(id);
      if (known || !open) return Promise.resolve(known);
      return new Promise((resolve) => {
        const timer = setTimeout(() => settle(id, undefined), ms);
        const list = waiters.get(id) ?? [];
        list.push((s) => {
          clearTimeout(timer);
          resolve(s);
        });
        waiters.set(id, list);
      });
    },
  };
}
