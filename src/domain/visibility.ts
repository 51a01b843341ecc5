/** Role is how a message names an address: its sender, or a To, Cc or Bcc recipient. */
export type Role = "from" | "to" | "cc" | "bcc";

/** View is what one user sees of one message beyond what every owner sees. */
export interface View {
  /** The sender's view: Bcc, the `Received: … for` clause, Bcc-only tags and the full size. */
  isSender: boolean;
  /** Whether the message shows this user any tags (their tag list reads only these rows). */
  tagged: boolean;
}

/**
 * viewOf is THE visibility rule (DESIGN §3.3), decided over all of a viewer's addresses at once:
 * a user any of whose addresses sent the message sees it whole; anyone else sees it without Bcc,
 * without `Received: … for <rcpt>` (which names an envelope recipient, possibly a Bcc) and without
 * the tags that only Bcc plus-addresses produced. A sender who also Bcc'd themselves is a sender.
 *
 * @param roles every role the viewer's addresses have in the message
 * @param tags the message's tags as the sender sees them and as everyone else does (JSON arrays)
 * @example viewOf(new Set(["to", "bcc"]), { all: '["x"]', public: "[]" }) // { isSender: false, tagged: false }
 */
export function viewOf(roles: ReadonlySet<Role>, tags: { all: string; public: string }): View {
  const isSender = roles.has("from");
  return { isSender, tagged: (isSender ? tags.all : tags.public) !== "[]" };
}

/**
 * rolesByUser groups a message's address rows by the user each address belongs to, so that the
 * rule above sees every address of one viewer together (alice@ in To and alice+ci@ in From).
 */
export function rolesByUser(rows: readonly { userId: number; role: Role }[]): Map<number, Set<Role>> {
  const byUser = new Map<number, Set<Role>>();
  for (const r of rows) byUser.set(r.userId, (byUser.get(r.userId) ?? new Set<Role>()).add(r.role));
  return byUser;
}
