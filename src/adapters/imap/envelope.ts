import addressparser from "nodemailer/lib/addressparser/index.js";
import { fieldValue, fieldValues, type MimeNode } from "../../lib/mime-tree.js";
import { encode, type Value } from "./write.js";

/**
 * envelope is a message's ENVELOPE (RFC 3501 §7.4.2): date, subject, from, sender, reply-to, to,
 * cc, bcc, in-reply-to and message-id, as the header writes them (unfolded, encoded words left
 * for the client). Sender and Reply-To default to From. It reads the bytes the viewer may see, so
 * a Bcc recipient, whose copy has no Bcc field, gets NIL for bcc.
 * @example envelope(parseMime(raw)) // ["Tue, 1 Jul 2025 …", "Hello", [["Alice", null, "alice", "x.test"]], …]
 */
export function envelope(node: MimeNode): Value {
  const from = addresses(node, "from");
  return [
    text(fieldValue(node, "date")),
    text(fieldValue(node, "subject")),
    from,
    addresses(node, "sender") ?? from,
    addresses(node, "reply-to") ?? from,
    addresses(node, "to"),
    addresses(node, "cc"),
    addresses(node, "bcc"),
    text(fieldValue(node, "in-reply-to")),
    text(fieldValue(node, "message-id")),
  ];
}

/**
 * text is a header value as an IMAP string: header text is read as latin1 so every byte is kept,
 * and 8-bit text (RFC 6532) goes out as those exact bytes.
 */
export function text(s: string | undefined): Value {
  if (s === undefined) return null;
  return /[\x80-\xff]/.test(s) ? Buffer.from(s, "latin1") : s;
}

type Parsed = { name: string; address?: string; group?: Parsed[] };

/**
 * addresses is the address list of every field named `name`: each address as (name adl mailbox
 * host), a group as (NIL NIL group NIL), its members, then (NIL NIL NIL NIL) (RFC 3501 §7.4.2).
 * NIL when there is no such field or it holds no address.
 */
function addresses(node: MimeNode, name: string): Value {
  const parsed = fieldValues(node, name).flatMap((v) => addressparser(v) as Parsed[]);
  const out = parsed.flatMap((p): Value[] =>
    p.group ? [[null, null, text(p.name), null], ...p.group.flatMap(address), [null, null, null, null]] : address(p),
  );
  // env-to and its kin are `"(" 1*address ")"`: the addresses follow each other with no space.
  return out.length > 0 ? { written: Buffer.concat([Buffer.from("("), ...out.map(encode), Buffer.from(")")]) } : null;
}

/** address is one mailbox; a phrase with no address (`To: someone`) is not one. */
function address(p: Parsed): Value[] {
  if (!p.address) return [];
  // An obsolete source route (`<@relay.test:joe@x.test>`) goes into adl.
  const route = /^(@[^:]*):(.*)$/.exec(p.address);
  const mailbox = route ? route[2]! : p.address;
  const at = mailbox.lastIndexOf("@");
  // A NIL host marks a group, so an address without a domain gets an empty one.
  const [local, host] = at < 0 ? [mailbox, ""] : [mailbox.slice(0, at), mailbox.slice(at + 1)];
  return [[p.name ? text(p.name) : null, route ? text(route[1]) : null, text(local), text(host)]];
}
