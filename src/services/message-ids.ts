import type { Store } from "../store/ports.js";

/** idsWithMessageId are my messages whose Message-ID is `mid` (without angle brackets), by the index. */
export async function idsWithMessageId(store: Store, userId: number, mid: string): Promise<string[]> {
  const terms = [{ kind: "text" as const, field: "message-id" as const, value: mid.toLowerCase(), negate: false }];
  const rows = (await store.mailbox.list(userId, { terms, start: 0, limit: 20 })).rows;
  return rows.filter((r) => r.messageId.toLowerCase() === mid.toLowerCase()).map((r) => r.id);
}
