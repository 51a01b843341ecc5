import { z } from "zod";
import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import type { Address } from "./message-summary.js";

/**
 * Compose rules (DESIGN §3.5), the same for REST, MCP, the web UI and, later, SMTP submission:
 * who may send as whom, and how a reply or a forward is drafted from a message.
 */

/**
 * senderAddress is the From address a send will carry: the requested one when it is one of mine,
 * my primary address when none is requested; any other address is refused, never rewritten.
 * @example senderAddress(undefined, ["alice@x.test"]) // "alice@x.test"
 */
export function senderAddress(requested: string | undefined, mine: string[]): string {
  const primary = mine[0];
  if (!primary) throw new AppError("SENDER_FORBIDDEN", "you have no address to send from");
  if (requested === undefined) return primary;
  const from = normalizeAddress(requested);
  if (!mine.includes(from)) throw new AppError("SENDER_FORBIDDEN", `you can only send as your own address (${primary}), not ${requested}`);
  return from;
}

export const DraftKindSchema = z.enum(["reply", "reply-all", "forward"]);
export type DraftKind = z.infer<typeof DraftKindSchema>;

/** Original is what a draft needs of the message it answers or forwards. */
export interface Original {
  MessageID: string;
  Date: string;
  From: Address | null;
  ReplyTo: Address[];
  To: Address[];
  Cc: Address[];
  Subject: string;
  Text: string;
}

/** Draft is a message to edit and send: recipients, subject, quoted text and threading headers. */
export interface Draft {
  To: string[];
  Cc: string[];
  Subject: string;
  Text: string;
  Headers: Record<string, string>;
}

const list = (a: Address[]) => a.map((x) => (x.Name ? `${x.Name} <${x.Address}>` : x.Address)).join(", ");
const prefixed = (prefix: "Re" | "Fwd", subject: string) =>
  new RegExp(`^${prefix === "Re" ? "re" : "fwd?"}:`, "i").test(subject) ? subject : `${prefix}: ${subject}`;

/**
 * draftFrom drafts a reply (to the Reply-To, else the sender), a reply to all (the sender and every
 * To and Cc, never myself, each once) or a forward (no recipients, the original quoted whole). A
 * reply threads under the original with In-Reply-To and References.
 * @example draftFrom(original, "reply", ["bob@x.test"]).Subject // "Re: lunch?"
 */
export function draftFrom(original: Original, kind: DraftKind, mine: string[]): Draft {
  const me = new Set(mine.map(normalizeAddress));
  if (kind === "forward") {
    const head = [`From: ${list(original.From ? [original.From] : [])}`, `Subject: ${original.Subject}`, `To: ${list(original.To)}`];
    return {
      To: [],
      Cc: [],
      Subject: prefixed("Fwd", original.Subject),
      Text: `\n\n---------- Forwarded message ----------\n${head.join("\n")}\n\n${original.Text}`,
      Headers: {},
    };
  }
  const seen = new Set<string>();
  const pick = (addresses: (string | undefined)[], keepMine: boolean) =>
    addresses.filter((a): a is string => {
      if (!a) return false;
      const key = normalizeAddress(a);
      if (seen.has(key) || (!keepMine && me.has(key))) return false;
      seen.add(key);
      return true;
    });
  const sender = (original.ReplyTo[0] ?? original.From)?.Address;
  const everyone = (kind === "reply-all" ? [...original.To, ...original.Cc] : original.To).map((a) => a.Address);
  // Replying to my own message goes to its recipients, as mail clients do.
  const mineSent = sender !== undefined && me.has(normalizeAddress(sender));
  const to = mineSent ? pick(everyone, false) : [...pick([sender], false), ...(kind === "reply-all" ? pick(everyone, false) : [])];
  const quoted = original.Text.split("\n").map((l) => `> ${l}`);
  return {
    // Mail I sent only to myself is answered to myself.
    To: to.length > 0 ? to : pick([sender], true),
    Cc: [],
    Subject: prefixed("Re", original.Subject),
    Text: `\n\nOn ${original.Date}, ${list(original.From ? [original.From] : [])} wrote:\n${quoted.join("\n")}`,
    Headers: original.MessageID ? { "In-Reply-To": `<${original.MessageID}>`, References: `<${original.MessageID}>` } : {},
  };
}
