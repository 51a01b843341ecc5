import type { ChangeKind, EventBus } from "../events/bus.js";
import type { ActingUser } from "../domain/acting-user.js";

/** MailboxChange is one event of my own mailbox, as a view of it needs to hear it. */
export type MailboxChange =
  /** A message arrived in my mailbox (announced once per message). */
  | { type: "new"; id: string }
  /** I changed my mailbox (here or in another view); `ids` is absent when it was many or all. */
  | { type: "changed"; change: ChangeKind; ids?: string[] }
  /** Events may have been missed: look again. */
  | { type: "resync" };

/** At most this many IDs travel in one change event; a larger change is announced without them. */
const MAX_IDS = 100;

/** MailboxEventsService lets one user follow and announce their own mailbox: never another user's. */
export interface MailboxEventsService {
  /** follow calls `listener` for each change of my mailbox, until the returned function is called. */
  follow(user: ActingUser, listener: (change: MailboxChange) => void): () => void;
  /** changed announces a change I made to my mailbox, to my views on every replica. */
  changed(user: Pick<ActingUser, "id">, change: ChangeKind, ids: string[] | "all"): Promise<void>;
}

export function createMailboxEventsService({ bus }: { bus: EventBus }): MailboxEventsService {
  return {
    follow(user, listener) {
      return bus.subscribe((e) => {
        if (e.type === "resync") listener(e);
        else if (e.users.includes(user.id))
          listener(e.type === "new" ? { type: "new", id: e.id } : { type: "changed", change: e.change, ids: e.ids });
      });
    },
    async changed(user, change, ids) {
      const few = ids !== "all" && ids.length <= MAX_IDS;
      await bus.publish({ type: "changed", change, users: [user.id], ...(few ? { ids } : {}) });
    },
  };
}
