import { headerValues } from "../../../lib/mime-headers.js";
import type { FolderEntry } from "../../../services/mail-client.js";
import type { Command } from "../parse.js";
import { parseCriteria, type Criterion } from "../search-criteria.js";
import { contains } from "../sequence.js";
import { ImapError, type Session, type Table } from "../session.js";

const DAY = 86_400_000;

/** indexLeaves lists the criteria the index answers, so each is one query whatever the tree. */
function indexLeaves(c: Criterion, out: Extract<Criterion, { k: "index" }>[] = []): Extract<Criterion, { k: "index" }>[] {
  if (c.k === "index") out.push(c);
  else if (c.k === "not") indexLeaves(c.c, out);
  else if (c.k === "or") [c.a, c.b].forEach((x) => indexLeaves(x, out));
  else if (c.k === "and") c.cs.forEach((x) => indexLeaves(x, out));
  return out;
}

/** Facts answer a criterion for one message: its entry, its sequence number, and what the index found. */
interface Facts {
  e: FolderEntry;
  seq: number;
  maxSeq: number;
  maxUid: number;
  matched: Map<Criterion, Set<string>>;
  headers: (e: FolderEntry) => Promise<Buffer>;
}

async function holds(c: Criterion, f: Facts): Promise<boolean> {
  switch (c.k) {
    case "all":
      return true;
    case "none":
      return false;
    case "flag":
      return f.e[c.flag] === c.value;
    case "set":
      return c.uid ? contains(c.set, f.e.uid, f.maxUid) : contains(c.set, f.seq, f.maxSeq);
    case "index":
      return f.matched.get(c)!.has(f.e.id);
    case "header": {
      const values = headerValues(await f.headers(f.e), c.name);
      return values.some((v) => v.toLowerCase().includes(c.value.toLowerCase()));
    }
    case "date": {
      const t = f.e.createdMs;
      return c.op === "before" ? t < c.dayMs : c.op === "since" ? t >= c.dayMs : t >= c.dayMs && t < c.dayMs + DAY;
    }
    case "size":
      return c.op === "larger" ? f.e.size > c.bytes : f.e.size < c.bytes;
    case "not":
      return !(await holds(c.c, f));
    case "or":
      return (await holds(c.a, f)) || (await holds(c.b, f));
    case "and":
      for (const x of c.cs) if (!(await holds(x, f))) return false;
      return true;
  }
}

/**
 * search answers SEARCH and UID SEARCH over the selected folder as the session knows it: text keys
 * from the index (my view of each message: Bcc only for its sender), the rest from my entries.
 */
async function search(s: Session, cmd: Command, byUid: boolean): Promise<string> {
  let args = cmd.args;
  if (args[0]?.kind === "atom" && args[0].value.toUpperCase() === "CHARSET") {
    const charset = args[1]?.kind === "list" || !args[1] ? "" : args[1].value.toString().toUpperCase();
    if (charset !== "UTF-8" && charset !== "US-ASCII")
      throw new ImapError("NO", `charset ${charset || "(none)"} is not supported`, "BADCHARSET (UTF-8 US-ASCII)");
    args = args.slice(2);
  }
  const criterion = parseCriteria(args);
  const { mailClient } = s.services;
  const sel = s.selected!;
  const matched = new Map<Criterion, Set<string>>();
  for (const leaf of indexLeaves(criterion)) matched.set(leaf, new Set(await mailClient.matching(s.user!, sel.folder, [leaf.term])));
  const sources = new Map<string, Promise<Buffer>>();
  const headers = (e: FolderEntry) => {
    if (!sources.has(e.id)) sources.set(e.id, mailClient.source(s.user!, e.id));
    return sources.get(e.id)!;
  };
  const facts = { maxSeq: sel.entries.length, maxUid: sel.entries.at(-1)?.uid ?? 0, matched, headers };
  const hits: number[] = [];
  for (const [i, e] of sel.entries.entries()) {
    if (await holds(criterion, { ...facts, e, seq: i + 1 })) hits.push(byUid ? e.uid : i + 1);
  }
  s.write(`* SEARCH${hits.map((n) => ` ${n}`).join("")}`);
  return `${byUid ? "UID SEARCH" : "SEARCH"} completed`;
}

/** SEARCH and UID SEARCH in the selected folder of mine. */
export const searchCommands: Table = {
  SEARCH: { states: ["selected"], run: (s, cmd) => search(s, cmd, false) },
  "UID SEARCH": { states: ["selected"], run: (s, cmd) => search(s, cmd, true) },
};
