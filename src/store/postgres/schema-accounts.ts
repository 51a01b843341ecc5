import { bigint, index, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { users } from "./schema.js";

/**
 * The tables of shared-sandbox administration (#12): the audit log, rate-limit counters,
 * password-reset links, throwaway inboxes and two-factor recovery codes. The same tables and
 * columns are in store/sqlite/schema-accounts.ts (timestamps as bigint); their queries are written once (store/sql).
 */

/** audit_log: append-only, one row per security-relevant action (services/audit.ts). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    at: bigint("at", { mode: "number" }).notNull(),
    actorId: integer("actor_id"),
    actor: text("actor").notNull().default(""),
    action: text("action").notNull(),
    target: text("target").notNull().default(""),
    targetUserId: integer("target_user_id"),
    result: text("result").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: text("detail").notNull().default(""),
  },
  (t) => [index("audit_at_idx").on(t.at), index("audit_actor_idx").on(t.actorId, t.at), index("audit_target_idx").on(t.targetUserId, t.at)],
);

/** rate_limits: rate-limiter-flexible's own table (key, points, expire), shared by every replica. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});

/** password_resets: one-time links; only a SHA-256 of the secret is kept. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    usedAt: bigint("used_at", { mode: "number" }),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/** recovery_codes: a user's two-factor recovery codes, hashed, each usable once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    usedAt: bigint("used_at", { mode: "number" }),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);
