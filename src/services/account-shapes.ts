import { z } from "zod";
import type { TokenRow, UserRow } from "../store/ports.js";
import { EmailSchema } from "../lib/addresses.js";
import type { ActingUser } from "../domain/acting-user.js";
import { ALL_SCOPES, parseScopes, SCOPES, type Scope } from "../domain/scopes.js";

/** One line of text: CR or LF would let a name start a new mail header. */
const OneLine = z
  .string()
  .trim()
  .max(100)
  .regex(/^[^\r\n]*$/, "must be one line");

export const RegisterInputSchema = z
  .object({ email: EmailSchema, name: OneLine.optional(), password: z.string().max(256).optional() })
  .strict();
export const LoginInputSchema = z
  .object({ email: EmailSchema, password: z.string().max(256).optional(), code: z.string().trim().max(64).optional() })
  .strict();
export const UpdateProfileInputSchema = z.object({ name: OneLine }).strict();
export const ChangePasswordInputSchema = z.object({ current: z.string().max(256).optional(), password: z.string().max(256) }).strict();
export const CreateTokenInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
    scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length).optional(),
  })
  .strict();

/** Where a token was created from, recorded for the user's session list. */
export interface ClientMeta {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/** PublicUser is a user as the API shows it. */
export interface PublicUser {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: string;
  /** Whether an admin has disabled the account. */
  disabled: boolean;
  /** Whether a two-factor code is required at login. */
  twoFactor: boolean;
  /** A throwaway inbox's end; null for people. */
  expiresAt: string | null;
}

/** PublicToken describes a token without its secret. */
export interface PublicToken {
  id: string;
  kind: "session" | "api";
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  createdIp: string | null;
  createdUserAgent: string | null;
  scopes: Scope[];
}

/** Authenticated is the result of checking a presented token. */
export interface Authenticated {
  user: ActingUser;
  tokenId: string;
  tokenKind: "session" | "api";
}

/** publicUser is the API shape of a user. */
export function publicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    isAdmin: u.isAdmin,
    createdAt: new Date(u.createdAt).toISOString(),
    disabled: u.disabledAt !== null,
    twoFactor: u.totpEnabledAt !== null,
    expiresAt: u.expiresAt === null ? null : new Date(u.expiresAt).toISOString(),
  };
}

/**
 * acting narrows a user row to what services need to enforce access rules, with the token used:
 * a token's scopes, or every scope (a password at a mail door).
 */
export function acting(u: UserRow, token?: Pick<TokenRow, "id" | "scopes">): ActingUser {
  // Only an admin has the admin scope, whatever a token says.
  const scopes = (token ? parseScopes(token.scopes) : ALL_SCOPES).filter((s) => s !== "admin" || u.isAdmin);
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, scopes, ...(token ? { tokenId: token.id } : {}) };
}

/** publicToken describes a token row without its secret, with the scopes it has for its owner. */
export function publicToken(t: TokenRow, ownerIsAdmin = false): PublicToken {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: t.id,
    kind: t.kind,
    name: t.name,
    createdAt: new Date(t.createdAt).toISOString(),
    lastUsedAt: iso(t.lastUsedAt),
    expiresAt: iso(t.expiresAt),
    createdIp: t.createdIp,
    createdUserAgent: t.createdUserAgent,
    // What the token can do: only an admin's tokens can act as admin, whatever was stored.
    scopes: parseScopes(t.scopes).filter((s) => s !== "admin" || ownerIsAdmin),
  };
}
