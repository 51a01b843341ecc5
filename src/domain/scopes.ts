import { AppError } from "../errors.js";

/**
 * Scopes say what a token may do (DESIGN §4). A session token has every scope of its user; an API
 * token has the ones it was made with, never more than its maker's.
 * - `read`: list, search, open and download my mail, my folders, contacts and events (opening a
 *   message still marks it read, as in Mailpit);
 * - `write`: change my mailbox: read state, stars, folders, moves, deletes, drafts, IMAP APPEND;
 * - `send`: send mail (REST, MCP, UI, SMTP submission);
 * - `manage`: my account: tokens, addresses, preferences, SMTP chaos, throwaway inboxes;
 * - `admin`: admin-only routes, for a user who is an admin.
 */
export const SCOPES = ["read", "write", "send", "manage", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** Caller is what the checks read of an ActingUser (acting-user.ts imports Scope from here). */
type Caller = { isAdmin: boolean; scopes: readonly Scope[]; adminNeedsTwoFactor?: boolean };

/** ALL_SCOPES is what a session (and the CLI operator) may do. */
export const ALL_SCOPES: readonly Scope[] = SCOPES;

/** parseScopes reads a stored list ("read,send"), ignoring names it does not know. */
export function parseScopes(stored: string): Scope[] {
  const names = new Set(stored.split(",").map((s) => s.trim()));
  return SCOPES.filter((s) => names.has(s));
}

/** formatScopes is the stored form of a list, in the canonical order. */
export function formatScopes(scopes: readonly Scope[]): string {
  return SCOPES.filter((s) => scopes.includes(s)).join(",");
}

/** hasScope tells whether the call may act with `scope`. */
export function hasScope(user: Caller, scope: Scope): boolean {
  return user.scopes.includes(scope);
}

/** requireScope is the one scope check of every door: 403 SCOPE_REQUIRED naming the scope. */
export function requireScope(user: Caller, scope: Scope): void {
  if (!hasScope(user, scope)) {
    throw new AppError("SCOPE_REQUIRED", `this token lacks the '${scope}' scope`, { scope });
  }
}

/** actsAsAdmin tells whether the call acts with an admin's rights: an admin, by a token with `admin`. */
export function actsAsAdmin(user: Caller): boolean {
  return user.isAdmin && hasScope(user, "admin") && !user.adminNeedsTwoFactor;
}

/**
 * requireAdmin guards what only admins may do: ADMIN_ONLY for others, SCOPE_REQUIRED for an admin
 * whose token lacks the `admin` scope.
 */
export function requireAdmin(user: Caller, what: string): void {
  if (!user.isAdmin) throw new AppError("ADMIN_ONLY", `${what}: only admins may do this`);
  requireScope(user, "admin");
  if (user.adminNeedsTwoFactor) {
    throw new AppError("FORBIDDEN", "admins must turn on two-factor first (SANDPIT_ADMIN_2FA=required): see the account page");
  }
}
