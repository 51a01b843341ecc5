import { EventEmitter } from "node:events";
import type { Signals } from "../store/ports.js";

/** ChangeKind is what a user changed in their own mailbox. */
export type ChangeKind = "read" | "unread" | "starred" | "unstarred" | "answered" | "moved" | "deleted" | "folders" | "marked";

/**
 * MailboxEvent is a change in users' mailboxes. `users` are the mailboxes it concerns: a listener
 * acts only on its own user's events (a stream or a wait never sees another user's).
 */
export type MailboxEvent =
  /** A message arrived in these users' mailboxes (announced once per message and user). */
  | { type: "new"; id: string; users: number[] }
  /**
   * A user changed their own mailbox (read flags, deletions) through any door or replica, so their
   * other views (another tab, a mail client) follow. `ids` is left out when there are too many.
   */
  | { type: "changed"; change: ChangeKind; ids?: string[]; users: number[] }
  /** Events may have been lost (the bus reconnected): listeners look again at what they wait for. */
  | { type: "resync" };

/** EventBus carries mailbox events between every Sandpit process on one store. */
export interface EventBus {
  publish(event: MailboxEvent): Promise<void>;
  /** subscribe calls `listener` for every event until the returned function is called. */
  subscribe(listener: (event: MailboxEvent) => void): () => void;
  close(): Promise<void>;
}

/** At most this many user ids per signal, so a payload stays under NOTIFY's 8,000 bytes. */
const USERS_PER_SIGNAL = 500;

/**
 * createBus carries events over the store's signals (PostgreSQL LISTEN/NOTIFY between replicas,
 * in-process for SQLite), fanning each one out to this process's subscribers.
 */
export async function createBus(signals: Signals): Promise<EventBus> {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const emit = (e: MailboxEvent) => local.emit("event", e);
  const stop = await signals.listen(
    (payload) => {
      try {
        emit(JSON.parse(payload) as MailboxEvent);
      } catch {
        // Not one of ours.
      }
    },
    () => emit({ type: "resync" }),
  );
  return {
    async publish(event) {
      if (event.type !== "new") return signals.publish(JSON.stringify(event));
      for (let i = 0; i < event.users.length; i += USERS_PER_SIGNAL) {
        await signals.publish(JSON.stringify({ ...event, users: event.users.slice(i, i + USERS_PER_SIGNAL) }));
      }
    },
    subscribe(listener) {
      local.on("event", listener);
      return () => void local.off("event", listener);
    },
    async close() {
      local.removeAllListeners();
      await stop();
    },
  };
}
