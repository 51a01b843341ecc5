/**
 * Tags that would reveal a Bcc recipient. Mailpit tags a message with the plus-part of every
 * address in From, To, Cc and Bcc (`carol+secret@x` gives `secret`, storage/tags.go
 * tagsFromPlusAddresses), so a tag that only a Bcc address produced names what only the sender may
 * see (DESIGN §3.3).
 */

/** plusTags is Mailpit's rule: the local part after its first `+`, split on `+`. */
export function plusTags(address: string): string[] {
  const m = /^[^@]*?\+([^@]*)@/.exec(address);
  return m ? m[1]!.split("+").filter(Boolean) : [];
}

/** squash compares tags however Mailpit cleaned them (case, spaces, punctuation). */
function squash(tag: string): string {
  return tag.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * bccOnlyTags lists the message's tags that come from Bcc plus-addresses alone: not from the
 * sender's, To or Cc addresses, nor from an `X-Tags` header.
 * @example bccOnlyTags(["secret"], { bcc: ["carol+secret@x"], visible: ["bob@x"], xTags: [] }) // ["secret"]
 */
export function bccOnlyTags(tags: string[], src: { bcc: string[]; visible: string[]; xTags: string[] }): string[] {
  const fromBcc = new Set(src.bcc.flatMap(plusTags).map(squash));
  if (fromBcc.size === 0) return [];
  const elsewhere = new Set([...src.visible.flatMap(plusTags), ...src.xTags].map(squash));
  return tags.filter((t) => fromBcc.has(squash(t)) && !elsewhere.has(squash(t)));
}
