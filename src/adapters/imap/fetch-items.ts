import { parseMime, type MimeNode } from "../../lib/mime-tree.js";
import type { Token } from "./parse.js";
import { parseSection, sectionBytes, type Section } from "./sections.js";
import { ImapError } from "./session.js";

/** Item is one FETCH data item, normalised (RFC 3501 §6.4.5). */
export type Item =
  | { kind: "UID" | "FLAGS" | "INTERNALDATE" | "RFC822.SIZE" | "ENVELOPE" | "BODY" | "BODYSTRUCTURE" }
  | {
      kind: "section";
      /** How the response names it: `BODY[HEADER.FIELDS (Subject)]`, `BODY[]<0>`, `RFC822.HEADER`. */
      name: string;
      section: Section;
      /** Whether reading it leaves \Seen alone (BODY.PEEK, RFC822.HEADER). */
      peek: boolean;
      partial?: { start: number; length: number };
    };
export type SectionItem = Extract<Item, { kind: "section" }>;

const SIMPLE = new Set(["UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY", "BODYSTRUCTURE"]);
const MACROS: Record<string, string[]> = {
  ALL: ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"],
  FAST: ["FLAGS", "INTERNALDATE", "RFC822.SIZE"],
  FULL: ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"],
};
const RFC822: Record<string, [section: string, peek: boolean]> = {
  RFC822: ["", false],
  "RFC822.HEADER": ["HEADER", true],
  "RFC822.TEXT": ["TEXT", false],
};
const BODY_ITEM = /^(BODY(?:\.PEEK)?)\[([^\]]*)\](?:<(\d{1,10})\.(\d{1,10})>)?$/i;
const MAX = 2 ** 32 - 1;

/**
 * parseItems reads FETCH's item argument: a macro (ALL, FAST, FULL), one item, or a list of them.
 * @example parseItems({ kind: "atom", value: "BODY.PEEK[1.MIME]" }) // [{ kind: "section", name: "BODY[1.MIME]", peek: true, … }]
 */
export function parseItems(t: Token | undefined): Item[] {
  if (t?.kind === "atom" && MACROS[t.value.toUpperCase()]) return MACROS[t.value.toUpperCase()]!.map(parseItem);
  const raw = t?.kind === "list" ? t.items : t ? [t] : [];
  if (raw.length === 0) throw new ImapError("BAD", "FETCH needs items");
  return raw.map((i) => (i.kind === "atom" ? parseItem(i.value) : bad("a FETCH item is an atom")));
}

function parseItem(raw: string): Item {
  const upper = raw.toUpperCase();
  if (SIMPLE.has(upper)) return { kind: upper as "UID" };
  const rfc822 = RFC822[upper];
  if (rfc822) return { kind: "section", name: upper, section: parseSection(rfc822[0])!, peek: rfc822[1] };
  const m = BODY_ITEM.exec(raw);
  if (!m) return bad(`unknown FETCH item ${raw}`);
  const section = parseSection(m[2]!);
  if (!section) return bad(`${raw} names no section (RFC 3501 §6.4.5)`);
  const partial = m[3] === undefined ? undefined : { start: Number(m[3]), length: Number(m[4]) };
  if (partial && (partial.length === 0 || partial.start > MAX || partial.length > MAX)) return bad(`${raw} has a bad partial range`);
  return {
    kind: "section",
    name: `BODY[${section.name}]${partial ? `<${partial.start}>` : ""}`,
    section,
    peek: /PEEK/i.test(m[1]!),
    partial,
  };
}

const bad = (message: string): never => {
  throw new ImapError("BAD", message);
};

/** needsSource tells whether any item reads the message's bytes (the rest come from the index). */
export const needsSource = (items: Item[]) => items.some((i) => i.kind === "section" || i.kind === "ENVELOPE" || i.kind.startsWith("BODY"));

/** HEADER_TEXTS are the sections of the message's own header. */
const HEADER_TEXTS = new Set(["HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT"]);

/**
 * headerOnly tells whether every item that reads the message needs no more than its header section
 * (ENVELOPE, HEADER, HEADER.FIELDS[.NOT] of the message itself): the index keeps that, so a mail
 * client's sync of envelopes and header fields needs nothing from Mailpit.
 */
export const headerOnly = (items: Item[]) =>
  items.every(
    (i) =>
      !(i.kind === "section" || i.kind === "ENVELOPE" || i.kind.startsWith("BODY")) ||
      i.kind === "ENVELOPE" ||
      (i.kind === "section" && i.section.path.length === 0 && HEADER_TEXTS.has(i.section.text ?? "")),
  );

/**
 * FetchedMessage is one message's bytes during one FETCH: its MIME tree is laid out at most once,
 * and only when an item needs more than the whole message.
 */
export class FetchedMessage {
  private parsed: MimeNode | undefined;
  constructor(readonly raw: Buffer) {}

  get tree(): MimeNode {
    return (this.parsed ??= parseMime(this.raw));
  }

  /** section is a body item's bytes, cut to its partial range (empty for a part the message does not have). */
  section(item: SectionItem): Buffer {
    const s = item.section;
    const whole = s.path.length === 0 && s.text === undefined ? this.raw : sectionBytes(this.tree, s);
    if (!item.partial) return whole;
    return whole.subarray(item.partial.start, item.partial.start + item.partial.length);
  }
}
