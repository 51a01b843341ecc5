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
   * expect marks a Message-ID this process is relaying, so its `new` event waits for the relay
   * (which indexes it with its envelope) instead of indexing it twice over. Call the returned
   * release once the relay is over, with the ID it indexed, if any.
   */
  expect(messageId: string): (indexedId: string | undefined) => void;
  /**
   * held is undefined when no relay of this process expects the summary's Message-ID; else it
   * settles when those relays are over: true when one of them indexed this message, false when
   * none did (a relay that failed after Mailpit stored it), and the event indexes it itself.
   */
  held(summary: MessageSummary): Promise<boolean> | undefined;
}

export function createArrivals(): Arrivals {
  const recent = new Map<string, MessageSummary>();
  const waiters = new Map<string, ((s: MessageSummary | undefined) => void)[]>();
  const expected = new Map<string, { relays: number; indexed: Set<string>; over: (() => void)[] }>();
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
      const e = expected.get(messageId) ?? { relays: 0, indexed: new Set<string>(), over: [] };
      expected.set(messageId, e);
      e.relays++;
      return (indexedId) => {
        if (indexedId !== undefined) e.indexed.add(indexedId);
        if (--e.relays > 0) return;
        expected.delete(messageId);
        for (const done of e.over) done();
      };
    },
    held(summary) {
      const e = expected.get(summary.MessageID);
      return e && new Promise((resolve) => e.over.push(() => resolve(e.indexed.has(summary.ID))));
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
