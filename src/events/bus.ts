import { EventEmitter } from "node:events";

/**
 * MailboxEvent is a change in users' mailboxes. `users` are the mailboxes it concerns: a listener
 * acts only on its own user's events (a stream or a wait never sees another user's).
 */
export type MailboxEvent =
  /** A message arrived in these users' mailboxes (announced once per message and user). */
  | { type: "new"; id: string; users: number[] };

/** EventBus carries mailbox events between the parts of Sandpit (and, later, between replicas). */
export interface EventBus {
  publish(event: MailboxEvent): Promise<void>;
  /** subscribe calls `listener` for every event until the returned function is called. */
  subscribe(listener: (event: MailboxEvent) => void): () => void;
  close(): Promise<void>;
}

/** createLocalBus is the in-process bus: one process, one store (SQLite). */
export function createLocalBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit("event", event);
    },
    subscribe(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
