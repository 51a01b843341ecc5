import type { FolderEntry } from "../../../services/mail-client.js";
import { flagsOf } from "../flags.js";
import { headerEnd } from "../../../lib/mime-headers.js";
import type { Command, Token } from "../parse.js";
import { contains, parseSequenceSet } from "../sequence.js";
import { ImapError, type Session, type Table } from "../session.js";

/** One requested FETCH item, normalised. */
type Item =
  | { kind: "UID" | "FLAGS" | "INTERNALDATE" | "RFC822.SIZE" }
  | { kind: "body"; name: string; section: "" | "HEADER" | "TEXT"; peek: boolean; partial?: { start: number; length: number } };

const MACROS: Record<string, string[]> = { FAST: ["FLAGS", "INTERNALDATE", "RFC822.SIZE"] };
const BODY = /^(BODY(?:\.PEEK)?)\[([^\]]*)\](?:<(\d+)\.(\d+)>)?$/i;

function parseItem(raw: string): Item {
  const upper = raw.toUpperCase();
  if (upper === "UID" || upper === "FLAGS" || upper === "INTERNALDATE" || upper === "RFC822.SIZE") return { kind: upper };
  if (upper === "RFC822") return { kind: "body", name: "RFC822", section: "", peek: false };
  if (upper === "RFC822.HEADER") return { kind: "body", name: "RFC822.HEADER", section: "HEADER", peek: true };
  if (upper === "RFC822.TEXT") return { kind: "body", name: "RFC822.TEXT", section: "TEXT", peek: false };
  const m = BODY.exec(raw);
  const section = m?.[2]?.toUpperCase() ?? "";
  if (!m || !["", "HEADER", "TEXT"].includes(section)) {
    throw new ImapError(
      "BAD",
      `FETCH ${raw} is not supported yet (UID, FLAGS, INTERNALDATE, RFC822.SIZE, RFC822*, BODY[], BODY[HEADER], BODY[TEXT])`,
    );
  }
  const partial = m[3] === undefined ? undefined : { start: Number(m[3]), length: Number(m[4]) };
  return {
    kind: "body",
    name: `BODY[${section}]${partial ? `<${partial.start}>` : ""}`,
    section: section as "",
    peek: /PEEK/i.test(m[1]!),
    partial,
  };
}

function parseItems(t: Token | undefined): Item[] {
  if (t?.kind === "atom" && MACROS[t.value.toUpperCase()]) return MACROS[t.value.toUpperCase()]!.map(parseItem);
  const raw = t?.kind === "list" ? t.items : t ? [t] : [];
  if (raw.length === 0) throw new ImapError("BAD", "FETCH needs items");
  return raw.map((i) => (i.kind === "atom" ? parseItem(i.value) : badItem()));
}
const badItem = (): never => {
  throw new ImapError("BAD", "a FETCH item is an atom");
};

/** flagList renders my flags of a message (flags.ts). */
export const flagList = flagsOf;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function internalDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `"${p(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000"`;
}

/** sectionOf cuts the part of a message a body item asks for. */
function sectionOf(raw: Buffer, item: Extract<Item, { kind: "body" }>): Buffer {
  const end = headerEnd(raw);
  const split = end >= raw.length ? raw.length : end + (raw[end] === 0x0d ? 2 : 1);
  const whole = item.section === "HEADER" ? raw.subarray(0, split) : item.section === "TEXT" ? raw.subarray(split) : raw;
  return item.partial ? whole.subarray(item.partial.start, item.partial.start + item.partial.length) : whole;
}

/** selectedEntries resolves a sequence set (or, for UID commands, a UID set) to [sequence number, entry] pairs. */
export function selectedEntries(s: Session, set: string, byUid: boolean): [number, FolderEntry][] {
  const parsed = parseSequenceSet(set);
  if (!parsed) throw new ImapError("BAD", `${set} is not a sequence set`);
  const entries = s.selected!.entries;
  const max = byUid ? (entries.at(-1)?.uid ?? 0) : entries.length;
  return entries.map((e, i) => [i + 1, e] as [number, FolderEntry]).filter(([seq, e]) => contains(parsed, byUid ? e.uid : seq, max));
}

async function fetch(s: Session, cmd: Command, byUid: boolean): Promise<string> {
  const set = cmd.args[0]?.kind === "atom" ? cmd.args[0].value : "";
  const items = parseItems(cmd.args[1]);
  if (byUid && !items.some((i) => i.kind === "UID")) items.unshift({ kind: "UID" });
  for (const [seq, e] of selectedEntries(s, set, byUid)) {
    const bodies = items.filter((i): i is Extract<Item, { kind: "body" }> => i.kind === "body");
    const raw = bodies.length ? await s.services.mailClient.source(s.user!, e.id) : undefined;
    const marks = bodies.some((b) => !b.peek) && !e.seen && !s.selected!.readOnly;
    if (marks) {
      await s.services.mailClient.setFlag(s.user!, [e.id], "seen", true);
      e.seen = true;
    }
    const parts: Buffer[] = [];
    for (const item of items) {
      if (item.kind === "UID") parts.push(Buffer.from(`UID ${e.uid}`));
      else if (item.kind === "FLAGS") parts.push(Buffer.from(`FLAGS ${flagList(e)}`));
      else if (item.kind === "INTERNALDATE") parts.push(Buffer.from(`INTERNALDATE ${internalDate(e.createdMs)}`));
      else if (item.kind === "RFC822.SIZE") parts.push(Buffer.from(`RFC822.SIZE ${e.size}`));
      else if (item.kind === "body") parts.push(Buffer.concat([Buffer.from(`${item.name} `), encodeLiteral(sectionOf(raw!, item))]));
    }
    if (marks && !items.some((i) => i.kind === "FLAGS")) parts.push(Buffer.from(`FLAGS ${flagList(e)}`));
    s.write(Buffer.concat([Buffer.from(`* ${seq} FETCH (`), ...joinSpaced(parts), Buffer.from(")")]));
  }
  return `${byUid ? "UID FETCH" : "FETCH"} completed`;
}

/** encodeLiteral always writes message bytes as a literal, so they arrive exactly. */
const encodeLiteral = (b: Buffer) => Buffer.concat([Buffer.from(`{${b.length}}\r\n`), b]);
const joinSpaced = (parts: Buffer[]) => parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from(" "), p]));

/** FETCH and UID FETCH: flags, dates, sizes and bodies of my messages; BODY[] marks read for me only. */
export const fetchCommands: Table = {
  FETCH: { states: ["selected"], run: (s, cmd) => fetch(s, cmd, false) },
  "UID FETCH": { states: ["selected"], run: (s, cmd) => fetch(s, cmd, true) },
};
