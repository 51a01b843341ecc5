import { AppError } from "../../../errors.js";
import type { FolderEntry } from "../../../services/mail-client.js";
import { bodyStructure } from "../body-structure.js";
import { envelope } from "../envelope.js";
import { flagsOf } from "../flags.js";
import { FetchedMessage, headerOnly, needsSource, parseItems, type Item } from "../fetch-items.js";
import type { Command } from "../parse.js";
import { contains, parseSequenceSet } from "../sequence.js";
import { ImapError, type Session, type Table } from "../session.js";
import { encode } from "../write.js";

/** flagList renders my flags of a message (flags.ts). */
export const flagList = flagsOf;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function internalDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `"${p(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000"`;
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
  if (cmd.args.length > 2) throw new ImapError("BAD", "FETCH takes a set and its items");
  if (byUid && !items.some((i) => i.kind === "UID")) items.unshift({ kind: "UID" });
  const picked = selectedEntries(s, set, byUid);
  // BODY[…] marks read for me only, once, every message of the command: also one this session last
  // heard was read (another door may have marked it unread since); the store changes only what differs.
  const marking = items.some((i) => i.kind === "section" && !i.peek) && !s.selected!.readOnly ? picked : [];
  await s.services.mailClient.markOpened(
    s.user!,
    marking.map(([, e]) => e.id),
  );
  const marked = new Set(marking.filter(([, e]) => !e.seen).map(([, e]) => e));
  for (const [, e] of marking) e.seen = true;
  const showFlags = !items.some((it) => it.kind === "FLAGS");
  const reading = needsSource(items);
  // Header-only items are answered from the headers the index keeps; the rest read Mailpit.
  const heads =
    reading && headerOnly(items)
      ? await s.services.mailClient.heads(
          s.user!,
          picked.map(([, e]) => e.id),
        )
      : new Map<string, Buffer>();
  const sources = prefetch(s, reading ? picked.map(([, e]) => e.id).filter((id) => !heads.has(id)) : []);
  let fromMailpit = 0;
  let gone = 0;
  for (const [seq, e] of picked) {
    // One read of the bytes I may see (Bcc only for the sender), parsed at most once, for every item.
    const bytes = reading ? (heads.get(e.id) ?? (await sources(fromMailpit++).catch(removed))) : undefined;
    if (reading && !bytes) {
      gone++;
      continue;
    }
    const message = bytes && new FetchedMessage(bytes);
    const parts = items.map((item) => render(item, e, message));
    if (showFlags && marked.has(e)) parts.push(Buffer.from(`FLAGS ${flagList(e)}`));
    s.write(Buffer.concat([Buffer.from(`* ${seq} FETCH (`), ...joinSpaced(parts), Buffer.from(")")]));
  }
  // Removed through another door since the client was told of it (its EXPUNGE follows a later
  // command): the other messages are answered, and the client learns why these were not (RFC 5530).
  if (gone > 0) throw new ImapError("NO", `${gone} of these messages were removed meanwhile; the others are answered`, "EXPUNGEISSUED");
  return `${byUid ? "UID FETCH" : "FETCH"} completed`;
}

/** removed turns a message no longer mine (deleted since the client was told of it) into undefined. */
function removed(err: unknown): undefined {
  if (err instanceof AppError && err.code === "NOT_FOUND") return undefined;
  throw err;
}

/** How many sources a FETCH reads from Mailpit ahead of the one it writes. */
const AHEAD = 8;

/**
 * prefetch reads message sources a few ahead of the response being written, in order: `source(i)`
 * answers the i-th. A read that fails fails the command when its turn comes, not before.
 */
function prefetch(s: Session, ids: string[]): (i: number) => Promise<Buffer> {
  const reads = new Map<number, Promise<Buffer>>();
  const start = (i: number) => {
    if (i >= ids.length || reads.has(i)) return;
    const read = s.services.mailClient.source(s.user!, ids[i]!);
    read.catch(() => undefined);
    reads.set(i, read);
  };
  return (i) => {
    for (let j = i; j < i + AHEAD; j++) start(j);
    const read = reads.get(i)!;
    reads.delete(i);
    return read;
  };
}

/** render writes one item of one message's FETCH response. */
function render(item: Item, e: FolderEntry, message: FetchedMessage | undefined): Buffer {
  switch (item.kind) {
    case "UID":
      return Buffer.from(`UID ${e.uid}`);
    case "FLAGS":
      return Buffer.from(`FLAGS ${flagList(e)}`);
    case "INTERNALDATE":
      return Buffer.from(`INTERNALDATE ${internalDate(e.createdMs)}`);
    case "RFC822.SIZE":
      return Buffer.from(`RFC822.SIZE ${e.size}`);
    case "ENVELOPE":
      return Buffer.concat([Buffer.from("ENVELOPE "), encode(envelope(message!.tree))]);
    case "BODY":
    case "BODYSTRUCTURE":
      return Buffer.concat([Buffer.from(`${item.kind} `), bodyStructure(message!.tree, item.kind === "BODYSTRUCTURE")]);
    case "section":
      return Buffer.concat([Buffer.from(`${item.name} `), encodeLiteral(message!.section(item))]);
  }
}

/** encodeLiteral always writes message bytes as a literal, so they arrive exactly. */
const encodeLiteral = (b: Buffer) => Buffer.concat([Buffer.from(`{${b.length}}\r\n`), b]);
const joinSpaced = (parts: Buffer[]) => parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from(" "), p]));

/**
 * FETCH and UID FETCH (RFC 3501 §6.4.5): flags, dates, sizes, envelopes, body structures and
 * sections of my messages; BODY[…] marks read for me only.
 */
export const fetchCommands: Table = {
  FETCH: { states: ["selected"], run: (s, cmd) => fetch(s, cmd, false) },
  "UID FETCH": { states: ["selected"], run: (s, cmd) => fetch(s, cmd, true) },
};
