import PostalMime, { addressParser } from "postal-mime";
import { normalizeAddress } from "./addresses.js";
import { headerEnd } from "./mime-headers.js";

/** MessageHead is what Sandpit's submission reads of a message's own header (RFC 5322, RFC 6532). */
export interface MessageHead {
  /** Every address of every From field (a From may list several), lower-cased. */
  from: string[];
  /** Every address of every Sender field. */
  sender: string[];
  /** The Message-ID, angle brackets included, if the message has one. */
  messageId: string | undefined;
  /** The In-Reply-To message IDs, without angle brackets (a reply answers them). */
  inReplyTo: string[];
}

/**
 * readHead parses the header block of a raw message with postal-mime (the body is not parsed: a
 * submission decides on headers alone). Groups are flattened; encoded words are decoded.
 */
export async function readHead(raw: Buffer): Promise<MessageHead> {
  const email = await PostalMime.parse(raw.subarray(0, headerEnd(raw)));
  const addresses = (key: string) =>
    email.headers
      .filter((h) => h.key === key)
      .flatMap((h) => addressParser(h.value, { flatten: true }))
      .flatMap((m) => ("address" in m && m.address ? [normalizeAddress(m.address)] : []));
  const inReplyTo = (email.inReplyTo ?? "").match(/<[^<>\s]+>/g)?.map((id) => id.slice(1, -1)) ?? [];
  return { from: addresses("from"), sender: addresses("sender"), messageId: email.messageId || undefined, inReplyTo };
}
