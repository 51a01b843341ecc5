import { sql, type SQL } from "drizzle-orm";
import { all, run, type Program, type Row } from "./program.js";

/** The audit log's programs, written once for SQLite and PostgreSQL (append, filter and page, expire). */

/** AuditEntry is one row of the audit log as stored. */
export interface AuditEntry {
  id: number;
  at: number;
  actorId: number | null;
  actor: string;
  action: string;
  target: string;
  targetUserId: number | null;
  result: string;
  ip: string | null;
  userAgent: string | null;
  detail: string;
}

export type NewAuditEntry = Omit<AuditEntry, "id">;

/** AuditFilter narrows a page of the log; `involving` is a user who acted or was acted on. */
export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  result?: string | undefined;
  involving?: number | undefined;
  since?: number | undefined;
  until?: number | undefined;
  start: number;
  limit: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toEntry(r: Row): AuditEntry {
  return {
    id: Number(r.id),
    at: Number(r.at),
    actorId: num(r.actor_id),
    actor: r.actor as string,
    action: r.action as string,
    target: r.target as string,
    targetUserId: num(r.target_user_id),
    result: r.result as string,
    ip: (r.ip as string | null) ?? null,
    userAgent: (r.user_agent as string | null) ?? null,
    detail: r.detail as string,
  };
}

/** appendAudit adds one row; rows are never changed, only expired. */
export function* appendAudit(e: NewAuditEntry): Program<void> {
  yield* run(sql`INSERT INTO audit_log (at, actor_id, actor, action, target, target_user_id, result, ip, user_agent, detail)
    VALUES (${e.at}, ${e.actorId}, ${e.actor}, ${e.action}, ${e.target}, ${e.targetUserId}, ${e.result}, ${e.ip}, ${e.userAgent}, ${e.detail})`);
}

/** listAudit pages the log newest first, with how many rows match. */
export function* listAudit(f: AuditFilter): Program<{ entries: AuditEntry[]; total: number }> {
  const conds: SQL[] = [sql`1 = 1`];
  if (f.actor) conds.push(sql`actor = ${f.actor}`);
  if (f.action) conds.push(f.action.endsWith(".") ? sql`action LIKE ${`${f.action}%`}` : sql`action = ${f.action}`);
  if (f.result) conds.push(sql`result = ${f.result}`);
  if (f.involving !== undefined) conds.push(sql`(actor_id = ${f.involving} OR target_user_id = ${f.involving})`);
  if (f.since !== undefined) conds.push(sql`at >= ${f.since}`);
  if (f.until !== undefined) conds.push(sql`at < ${f.until}`);
  const where = sql.join(conds, sql` AND `);
  const rows = yield* all(sql`SELECT * FROM audit_log WHERE ${where} ORDER BY at DESC, id DESC LIMIT ${f.limit} OFFSET ${f.start}`);
  const [count] = yield* all(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM audit_log WHERE ${where}`);
  return { entries: rows.map(toEntry), total: Number(count?.n ?? 0) };
}

/** expireAudit deletes rows older than `before` (the retention setting). */
export function* expireAudit(before: number): Program<number> {
  return yield* run(sql`DELETE FROM audit_log WHERE at < ${before}`);
}
