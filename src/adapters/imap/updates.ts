import { flagsOf, sameFlags, takeFlags } from "./flags.js";
import type { Viewer } from "./selected.js";

/** Commands during which EXPUNGE may not be sent: their sequence numbers would shift under the client (RFC 3501 §7.4.1). */
export const HOLDS_EXPUNGES = new Set(["FETCH", "STORE", "SEARCH", "COPY"]);

/**
 * announce tells the client what changed in its selected folder through any door since it last
 * looked (RFC 3501 §5.2): EXPUNGE for messages gone (highest sequence number first, so each number
 * is right when it arrives; held back while `expunges` is false), FETCH FLAGS for flags changed
 * elsewhere, EXISTS for new mail. It reads the folder only when a change was announced.
 */
export async function announce(s: Viewer, { expunges }: { expunges: boolean }): Promise<void> {
  const sel = s.selected;
  if (!sel || !s.dirty) return;
  s.dirty = false;
  const fresh = await s.services.mailClient.entries(s.user!, sel.folder);
  if (s.selected !== sel) return;
  const now = new Map(fresh.map((e) => [e.uid, e]));
  let held = false;
  for (let i = sel.entries.length - 1; i >= 0; i--) {
    if (now.has(sel.entries[i]!.uid)) continue;
    if (!expunges) {
      held = true;
      continue;
    }
    s.write(`* ${i + 1} EXPUNGE`);
    sel.entries.splice(i, 1);
  }
  // Removals held back are looked for again after the next command that may announce them.
  if (held) s.dirty = true;
  sel.entries.forEach((e, i) => {
    const f = now.get(e.uid);
    if (!f || sameFlags(e, f)) return;
    takeFlags(e, f);
    s.write(`* ${i + 1} FETCH (UID ${e.uid} FLAGS ${flagsOf(e)})`);
  });
  const added = fresh.filter((e) => e.uid > sel.highestUid);
  if (added.length > 0) {
    sel.entries.push(...added);
    sel.highestUid = added.at(-1)!.uid;
    s.write(`* ${sel.entries.length} EXISTS`);
  }
}
