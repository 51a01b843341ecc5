import { z } from "zod";
import type { TokenRow, UserRow } from "../store/ports.js";
import { EmailSchema } from "../lib/addresses.js";
import type { ActingUser } from "../domain/acting-user.js";

/** One line of text: CR or LF would let a name start a new mail header. */
const OneLine = z
  .string()
  .trim()
  .max(100)
  .regex(/^[^\r\n]*$/, "must be one line");

export const RegisterInputSchema = z
  .object({ email: EmailSchema, name: OneLine.optional(), password: z.string().max(256).optional() })
  .strict();
export const LoginInputSchema = z.object({ email: EmailSchema, password: z.string().max(256).optional() }).strict();
export const UpdateProfileInputSchema = z.object({ name: OneLine }).strict();
export const ChangePasswordInputSchema = z.object({ current: z.string().max(256).optional(), password: z.string().max(256) }).strict();
export const CreateTokenInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
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
}

/** Authenticated is the result of checking a presented token. */
export interface Authenticated {
  user: ActingUser;
  tokenId: string;
  tokenKind: "session" | "api";
}

/** publicUser is the API shape of a user. */
export function publicUser(u: UserRow): PublicUser {
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, createdAt: new Date(u.createdAt).toISOString() };
}

/** acting narrows a user row to what services need to enforce access rules, with the token used. */
export function acting(u: UserRow, tokenId?: string): ActingUser {
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, ...(tokenId ? { tokenId } : {}) };
}

/** publicToken describes a token row without its secret. */
export function publicToken(t: TokenRow): PublicToken {
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
  };
}

/** Authenticated is the result of checking a presented token. */
export interface Authenticated {
  user: ActingUser;
  tokenId: string;
  tokenKind: "session" | "api";
}

type Session = { token: string; info: PublicToken };
type Me = { user: PublicUser; addresses: string[] };

/** AuthService owns users, sessions and tokens (DESIGN §4). */
export interface AuthService {
  /** createUser is the admin/CLI path: a user created without a session. */
  createUser(input: z.infer<typeof RegisterInputSchema> & { isAdmin?: boolean }): Promise<PublicUser>;
  /** register creates a user and a session token. With registration closed, only admins may. */
  register(
    input: z.infer<typeof RegisterInputSchema>,
    actor: ActingUser | undefined,
    meta: ClientMeta,
  ): Promise<{ user: PublicUser } & Session>;
  /** login checks the password in password mode (only the address in open mode). */
  login(input: z.infer<typeof LoginInputSchema>, meta: ClientMeta): Promise<{ user: PublicUser } & Session>;
  /** authenticate checks a presented token (with basic auth, the username must be one of its owner's addresses). */
  authenticate(token: string, basicUser?: string): Promise<Authenticated>;
  /**
   * authenticateMail is the mail protocols' login (SMTP AUTH, later IMAP and POP3): username = one
   * of the user's addresses, password = one of their tokens (or their password in password mode).
   * Failures count per address and client like web logins; a locked-out pair gets RATE_LIMITED.
   */
  authenticateMail(username: string, secret: string, client: string | undefined): Promise<ActingUser>;
  /** stillValid tells whether the token a user acts by still works. */
  stillValid(user: ActingUser): Promise<boolean>;
  me(user: ActingUser): Promise<Me>;
  updateProfile(user: ActingUser, input: z.infer<typeof UpdateProfileInputSchema>): Promise<Me>;
  changePassword(user: ActingUser, input: z.infer<typeof ChangePasswordInputSchema>): Promise<void>;
  revoke(user: ActingUser, tokenId: string): Promise<void>;
  listTokens(user: ActingUser, currentTokenId?: string): Promise<(PublicToken & { current: boolean })[]>;
  /** createToken issues an API token for CI or agents; the secret is returned once. */
  createToken(user: ActingUser, input: z.infer<typeof CreateTokenInputSchema>, meta: ClientMeta): Promise<Session>;
  /** issueFor is the admin/CLI path: a token for a user found by address. */
  issueFor(email: string, name: string, days: number | undefined): Promise<Session>;
}
