import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./schema.js";

/**
 * The tables of shared-sandbox administration (#12): the audit log, rate-limit counters,
 * password-reset links, throwaway inboxes and two-factor recovery codes. The same tables and
 * columns are in store/postgres/schema-accounts.ts; their queries are written once (store/sql).
 */

/** audit_log: append-only, one row per security-relevant action (services/audit.ts). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
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
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});

/** password_resets: one-time links; only a SHA-256 of the secret is kept. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/** recovery_codes: a user's two-factor recovery codes, hashed, each usable once. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    usedAt: integer("used_at"),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);
