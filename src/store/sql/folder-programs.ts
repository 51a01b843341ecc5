import { sql, type SQL } from "drizzle-orm";
import { folderKey, HIDDEN_ROLES, renamedPath, SYSTEM_FOLDERS, type Folder, type FolderRole } from "../../domain/folders.js";
import { chunks } from "./chunks.js";
import { all, run, type Program, type Row } from "./program.js";
import type { Dialect } from "./search-terms.js";

/**
 * The folder programs (see program.ts), written once for SQLite and PostgreSQL: a user's folders
 * with their counters, creating, renaming and removing them, and placing messages in them with
 * per-folder UIDs that are never reused (IMAP's UIDNEXT).
 */

const FOLDER_COLS = sql`f.id, f.name, f.role, f.uid_validity, f.uid_next`;
const HIDDEN = sql.raw(HIDDEN_ROLES.map((r) => `'${r}'`).join(", "));

/** toFolder maps a raw row; PostgreSQL returns bigints as strings. */
export function toFolder(r: Row): Folder {
  return {
    id: Number(r.id),
    name: r.name as string,
    role: (r.role as FolderRole | null) ?? null,
    total: Number(r.total ?? 0),
    unread: Number(r.unread ?? 0),
    uidValidity: Number(r.uid_validity),
    uidNext: Number(r.uid_next),
  };
}

/** A new folder's UIDVALIDITY: seconds now, so a folder deleted and created again gets a new one. */
const uidValidity = () => Math.floor(Date.now() / 1000);

const likeChildren = (key: string) => `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;

/** createSystemFolders gives a new user the system folders. */
export function* createSystemFolders(userId: number): Program<void> {
  for (const f of SYSTEM_FOLDERS) {
    yield* run(sql`INSERT INTO folders (user_id, name, name_key, role, uid_validity, uid_next, created_at)
                   VALUES (${userId}, ${f.name}, ${folderKey(f.name)}, ${f.role}, ${uidValidity()}, 1, ${Date.now()})`);
  }
}

/** listFolders lists a user's folders with how many of their messages each holds, and how many are unread. */
export function* listFolders(userId: number): Program<Folder[]> {
  const rows = yield* all(sql`SELECT ${FOLDER_COLS}, CAST(count(e.message_id) AS INTEGER) AS total,
      CAST(coalesce(sum(CASE WHEN e.message_id IS NULL THEN 0 WHEN s.read THEN 0 ELSE 1 END), 0) AS INTEGER) AS unread
    FROM folders f LEFT JOIN folder_messages e ON e.folder_id = f.id
    LEFT JOIN user_message_state s ON s.user_id = e.user_id AND s.message_id = e.message_id
    WHERE f.user_id = ${userId} GROUP BY f.id, f.name, f.role, f.uid_validity, f.uid_next`);
  return rows.map(toFolder);
}

/** findFolder finds one of a user's folders by name (case-insensitively), without counters. */
export function* findFolder(userId: number, name: string): Program<Folder | undefined> {
  const [r] = yield* all(sql`SELECT ${FOLDER_COLS} FROM folders f WHERE f.user_id = ${userId} AND f.name_key = ${folderKey(name)}`);
  return r ? toFolder(r) : undefined;
}

/** folderOfRole finds a user's system folder. */
export function* folderOfRole(userId: number, role: FolderRole): Program<Folder | undefined> {
  const [r] = yield* all(sql`SELECT ${FOLDER_COLS} FROM folders f WHERE f.user_id = ${userId} AND f.role = ${role}`);
  return r ? toFolder(r) : undefined;
}

/**
 * createFolder creates a folder of mine; undefined when I already have one of that name. Its
 * UIDVALIDITY is seconds now plus its id: a folder of a name deleted and created again within the
 * same second (a test suite's set-up) still gets a greater one, as RFC 3501 §2.3.1.1 asks when its
 * UIDs start again at 1. Folder ids are never reused (AUTOINCREMENT on SQLite, a sequence on PostgreSQL).
 */
export function* createFolder(userId: number, name: string): Program<Folder | undefined> {
  const [r] = yield* all(sql`INSERT INTO folders (user_id, name, name_key, role, uid_validity, uid_next, created_at)
    VALUES (${userId}, ${name}, ${folderKey(name)}, NULL, ${uidValidity()}, 1, ${Date.now()})
    ON CONFLICT (user_id, name_key) DO NOTHING RETURNING id`);
  if (!r) return undefined;
  const [f] = yield* all(sql`UPDATE folders SET uid_validity = uid_validity + id WHERE id = ${Number(r.id)}
    RETURNING id, name, role, uid_validity, uid_next`);
  return toFolder(f!);
}

/** renameFolder renames a folder and every folder under it; "taken" when a new name is in use. */
export function* renameFolder(userId: number, folder: Folder, name: string): Program<"ok" | "taken"> {
  const under = yield* all<{ id: number; name: string }>(
    sql`SELECT id, name FROM folders WHERE user_id = ${userId} AND name_key LIKE ${likeChildren(folderKey(folder.name))} ESCAPE '\\'`,
  );
  const moving = [{ id: folder.id, name }, ...under.map((c) => ({ id: Number(c.id), name: renamedPath(c.name, folder.name, name) }))];
  const ids = new Set(moving.map((m) => m.id));
  for (const m of moving) {
    const clash = yield* all<{ id: number }>(sql`SELECT id FROM folders WHERE user_id = ${userId} AND name_key = ${folderKey(m.name)}`);
    if (clash.some((c) => !ids.has(Number(c.id)))) return "taken";
  }
  // Two passes (through keys no name can have: `*` is not allowed), so the unique index never sees a swap half done.
  for (const m of moving) yield* run(sql`UPDATE folders SET name_key = ${`*${m.id}`} WHERE id = ${m.id}`);
  for (const m of moving) yield* run(sql`UPDATE folders SET name = ${m.name}, name_key = ${folderKey(m.name)} WHERE id = ${m.id}`);
  return "ok";
}

/** removeFolder deletes an empty folder of mine that has no folders under it. */
export function* removeFolder(userId: number, folder: Folder): Program<"ok" | "not-empty" | "has-children"> {
  const [held] = yield* all(sql`SELECT 1 AS x FROM folder_messages WHERE folder_id = ${folder.id} LIMIT 1`);
  if (held) return "not-empty";
  const [child] = yield* all(
    sql`SELECT 1 AS x FROM folders WHERE user_id = ${userId} AND name_key LIKE ${likeChildren(folderKey(folder.name))} ESCAPE '\\' LIMIT 1`,
  );
  if (child) return "has-children";
  yield* run(sql`DELETE FROM folders WHERE id = ${folder.id} AND user_id = ${userId}`);
  return "ok";
}

/** place puts one of a user's messages into a folder under the folder's next UID. */
export function* place(userId: number, folderId: number, messageId: string): Program<void> {
  const [a] = yield* all<{ uid: number }>(
    sql`UPDATE folders SET uid_next = uid_next + 1 WHERE id = ${folderId} RETURNING uid_next - 1 AS uid`,
  );
  yield* run(sql`INSERT INTO folder_messages (folder_id, uid, user_id, message_id, created_ms)
    SELECT ${folderId}, ${Number(a!.uid)}, user_id, message_id, created_ms FROM user_message_state
    WHERE user_id = ${userId} AND message_id = ${messageId}`);
}

/** relist recomputes whether a plain list shows these messages: they sit in a folder other than Drafts and Trash. */
export function* relist(userId: number, ids: string[]): Program<void> {
  for (const part of chunks(ids)) {
    yield* run(sql`UPDATE user_message_state SET listed = EXISTS (SELECT 1 FROM folder_messages e JOIN folders f ON f.id = e.folder_id
        WHERE e.user_id = user_message_state.user_id AND e.message_id = user_message_state.message_id AND (f.role IS NULL OR f.role NOT IN (${HIDDEN})))
      WHERE user_id = ${userId} AND message_id IN (${inList(part)})`);
  }
}

/**
 * moveMessages moves messages of mine into a folder: out of `fromId` only when given (IMAP MOVE),
 * otherwise out of every folder they sit in. Returns the IDs that moved.
 */
export function* moveMessages(userId: number, ids: string[], toId: number, fromId: number | undefined, d: Dialect): Program<string[]> {
  const moved: string[] = [];
  const onlyFrom = fromId === undefined ? sql`` : sql` AND folder_id = ${fromId}`;
  for (const id of new Set(ids)) {
    const [mine] = yield* all(
      sql`SELECT 1 AS x FROM user_message_state WHERE user_id = ${userId} AND message_id = ${id} AND deleted = ${d.bool(false)}`,
    );
    if (!mine) continue;
    const removed = yield* all(
      sql`DELETE FROM folder_messages WHERE user_id = ${userId} AND message_id = ${id} AND folder_id <> ${toId}${onlyFrom} RETURNING folder_id`,
    );
    if (fromId !== undefined && removed.length === 0) continue;
    const [there] = yield* all(sql`SELECT 1 AS x FROM folder_messages WHERE folder_id = ${toId} AND message_id = ${id}`);
    if (!there) yield* place(userId, toId, id);
    if (removed.length > 0 || !there) moved.push(id);
  }
  yield* relist(userId, moved);
  return moved;
}

/** copyMessages puts messages of mine into one more folder (where they are not yet); answers those placed. */
export function* copyMessages(userId: number, ids: string[], toId: number, d: Dialect): Program<string[]> {
  const copied: string[] = [];
  for (const id of new Set(ids)) {
    const [mine] = yield* all(
      sql`SELECT 1 AS x FROM user_message_state WHERE user_id = ${userId} AND message_id = ${id} AND deleted = ${d.bool(false)}`,
    );
    const [there] = yield* all(sql`SELECT 1 AS x FROM folder_messages WHERE folder_id = ${toId} AND message_id = ${id}`);
    if (!mine || there) continue;
    yield* place(userId, toId, id);
    copied.push(id);
  }
  yield* relist(userId, copied);
  return copied;
}

/** inList is the bound values of an `IN (…)` list. */
export function inList(values: string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}
