import type { EventBus } from "../events/bus.js";
import type { ActingUser } from "../domain/acting-user.js";

/** MailboxEventsService lets one user follow their own mailbox: never another user's events. */
export interface MailboxEventsService {
  /** onNew calls `listener` with the ID of each message that arrives in my mailbox, until unsubscribed. */
  onNew(user: ActingUser, listener: (id: string) => void): () => void;
}

export function createMailboxEventsService({ bus }: { bus: EventBus }): MailboxEventsService {
  return {
    onNew(user, listener) {
      return bus.subscribe((e) => {
        if (e.type === "new" && e.users.includes(user.id)) listener(e.id);
      });
    },
  };
}
