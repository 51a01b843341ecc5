import { z } from "zod";
import type { ActingUser } from "../domain/acting-user.js";
import { requireAdmin } from "../domain/scopes.js";
import type { Logger } from "../lib/log.js";
import type { AuditEntry, AuditFilter, Store } from "../store/ports.js";
import type { ClientMeta } from "./account-shapes.js";

const DAY = 86_400_000;

/** AuditEvent is what a service records: who did what to whom, how it went, and from where. */
export interface AuditEvent {
  /** The acting user; undefined for someone not signed in (a failed login), or the operator's CLI. */
  actor?: Pick<ActingUser, "id" | "email"> | undefined;
  /** Who tried, when there is no actor (the address a failed login gave). */
  actorName?: string | undefined;
  action: string;
  target?: string | undefined;
  targetUserId?: number | null | undefined;
  result: "ok" | "failed" | "denied" | "limited";
  meta?: ClientMeta | undefined;
  detail?: string | undefined;
}

const isoTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** AuditQuerySchema: the filters and paging of GET /api/v1/admin/audit (and of my own activity). */
export const AuditQuerySchema = z
  .object({
    actor: z.string().trim().toLowerCase().max(320).optional(),
    action: z.string().trim().max(64).optional(),
    result: z.enum(["ok", "failed", "denied", "limited"]).optional(),
    user: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    start: z.coerce.number().int().min(0).max(10_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** PublicAuditEntry is a row as the API shows it. */
export type PublicAuditEntry = Omit<AuditEntry, "at"> & { at: string };

/** AuditService keeps the append-only audit log (#12). */
export interface AuditService {
  /** record appends one event; a failing store is logged, never the caller's failure. */
  record(event: AuditEvent): Promise<void>;
  /** list pages the whole log (admins). */
  list(actor: ActingUser, q: z.infer<typeof AuditQuerySchema>): Promise<{ entries: PublicAuditEntry[]; total: number }>;
  /** mine pages what I did and what was done to my account. */
  mine(user: ActingUser, q: z.infer<typeof AuditQuerySchema>): Promise<{ entries: PublicAuditEntry[]; total: number }>;
  /** expire deletes rows older than the retention setting. */
  expire(): Promise<number>;
}

export function createAuditService({ store, log, retentionDays }: { store: Store; log: Logger; retentionDays: number }): AuditService {
  const page = async (f: AuditFilter) => {
    const { entries, total } = await store.audit.list(f);
    return { entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })), total };
  };
  const filter = (q: z.infer<typeof AuditQuerySchema>): AuditFilter => ({
    actor: q.actor,
    action: q.action,
    result: q.result,
    involving: q.user,
    since: q.since,
    until: q.until,
    start: q.start,
    limit: q.limit,
  });
  return {
    async record(e) {
      try {
        await store.audit.append({
          at: Date.now(),
          actorId: e.actor && e.actor.id > 0 ? e.actor.id : null,
          actor: (e.actor?.email || e.actorName || (e.actor ? "operator" : "")).slice(0, 320),
          action: e.action,
          target: (e.target ?? "").slice(0, 320),
          targetUserId: e.targetUserId ?? null,
          result: e.result,
          ip: e.meta?.ip?.slice(0, 100) ?? null,
          userAgent: e.meta?.userAgent?.slice(0, 300) ?? null,
          detail: (e.detail ?? "").slice(0, 500),
        });
      } catch (err) {
        log.warn("cannot write the audit log", { action: e.action, error: err as Error });
      }
    },
    async list(actor, q) {
      requireAdmin(actor, "the audit log");
      return page(filter(q));
    },
    mine: (user, q) => page({ ...filter(q), actor: undefined, involving: user.id }),
    expire: () => store.audit.expire(Date.now() - retentionDays * DAY),
  };
}
