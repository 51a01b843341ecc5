import { z } from "zod";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { backfillAddress } from "../db/repos/messages.js";
import { deleteToken, findToken, insertToken, listTokens, touchToken } from "../db/repos/tokens.js";
import { addressesOf, findUserByAddress, findUserById, insertUser, listUsers, setName, setPasswordHash } from "../db/repos/users.js";
import type { TokenRow, UserRow } from "../db/schema.js";
import { AppError } from "../errors.js";
import { EmailSchema } from "../lib/addresses.js";
import { hashPassword, issueToken, passwordProblem, secretMatches, splitToken, verifyPassword } from "../lib/secrets.js";
import type { ActingUser } from "./acting-user.js";

const DAY = 86_400_000;
/** last_used_at is written at most this often per token, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export const RegisterInputSchema = z
  .object({ email: EmailSchema, name: z.string().trim().max(100).optional(), password: z.string().max(256).optional() })
  .strict();
export const LoginInputSchema = z.object({ email: EmailSchema, password: z.string().max(256).optional() }).strict();
export const UpdateProfileInputSchema = z.object({ name: z.string().trim().max(100).regex(/^[^\r\n]*$/, "must be one line") }).strict();
export const ChangePasswordInputSchema = z
  .object({ current: z.string().max(256).optional(), password: z.string().max(256) })
  .strict();
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

export type AuthService = ReturnType<typeof createAuthService>;

/** createAuthService owns users and tokens (DESIGN §4). */
export function createAuthService({ db, config }: { db: Db; config: Config }) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

  function issue(userId: number, kind: "session" | "api", name: string, days: number | undefined, meta: ClientMeta) {
    const t = issueToken();
    const row = insertToken(db, {
      id: t.id,
      userId,
      kind,
      name,
      secretHash: t.secretHash,
      expiresAt: days === undefined ? null : Date.now() + days * DAY,
      createdIp: meta.ip?.slice(0, 100) ?? null,
      createdUserAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token: t.token, info: publicToken(row) };
  }

  async function createUser(input: z.infer<typeof RegisterInputSchema> & { isAdmin?: boolean }): Promise<UserRow> {
    const needsPassword = config.auth.mode === "password";
    if (needsPassword && !input.password) throw new AppError("BAD_REQUEST", "a password is required");
    if (input.password) {
      const problem = passwordProblem(input.password, input.email);
      if (problem) throw new AppError("BAD_REQUEST", problem);
    }
    if (findUserByAddress(db, input.email)) throw new AppError("CONFLICT", "this address is already registered");
    const user = insertUser(db, {
      email: input.email,
      name: input.name ?? "",
      passwordHash: input.password ? await hashPassword(input.password) : null,
      isAdmin: input.isAdmin ?? false,
    });
    backfillAddress(db, input.email);
    return user;
  }

  return {
    createUser,

    /** register creates a user and a session token. With registration closed, only admins may. */
    async register(input: z.infer<typeof RegisterInputSchema>, actor: ActingUser | undefined, meta: ClientMeta) {
      if (config.auth.registration === "closed" && !actor?.isAdmin) {
        throw new AppError("REGISTRATION_CLOSED", "registration is closed; ask an admin to create your account");
      }
      const user = await createUser(input);
      return { user: publicUser(user), ...sessionFor(user, meta) };
    },

    /** login checks the password in password mode (only the address in open mode). */
    async login(input: z.infer<typeof LoginInputSchema>, meta: ClientMeta) {
      const user = findUserByAddress(db, input.email);
      if (config.auth.mode === "password") {
        const ok = user?.passwordHash && input.password ? await verifyPassword(input.password, user.passwordHash) : false;
        if (!user || !ok) throw new AppError("UNAUTHORIZED", "invalid email or password");
      } else if (!user) {
        throw new AppError("UNAUTHORIZED", "no account uses this address; register it first");
      }
      return { user: publicUser(user), ...sessionFor(user, meta) };
    },

    /**
     * authenticate checks a presented token. With basic auth, the username must be one of the
     * token owner's addresses, so a token cannot be replayed under another user's name.
     */
    authenticate(token: string, basicUser?: string): Authenticated {
      const parts = splitToken(token);
      const row = parts ? findToken(db, parts.id) : undefined;
      if (!parts || !row || !secretMatches(parts.secret, row.secretHash)) throw unauthorized();
      const now = Date.now();
      if (row.expiresAt !== null && row.expiresAt <= now) throw new AppError("UNAUTHORIZED", "token has expired");
      const user = findUserById(db, row.userId);
      if (!user) throw unauthorized();
      if (basicUser !== undefined && !addressesOf(db, user.id).includes(basicUser.trim().toLowerCase())) {
        throw unauthorized();
      }
      if (row.lastUsedAt === null || now - row.lastUsedAt > TOUCH_EVERY_MS) touchToken(db, row.id, now);
      return { user: acting(user), tokenId: row.id, tokenKind: row.kind };
    },

    me(user: ActingUser) {
      const row = findUserById(db, user.id);
      if (!row) throw unauthorized();
      return { user: publicUser(row), addresses: addressesOf(db, user.id) };
    },

    /** updateProfile changes my display name (used as the From name when I send). */
    updateProfile(user: ActingUser, input: z.infer<typeof UpdateProfileInputSchema>) {
      setName(db, user.id, input.name);
      const row = findUserById(db, user.id);
      if (!row) throw unauthorized();
      return { user: publicUser(row), addresses: addressesOf(db, user.id) };
    },

    /** changePassword sets a new password; the current one is required when one is set. */
    async changePassword(user: ActingUser, input: z.infer<typeof ChangePasswordInputSchema>): Promise<void> {
      const row = findUserById(db, user.id);
      if (!row) throw unauthorized();
      if (row.passwordHash && !(input.current && (await verifyPassword(input.current, row.passwordHash)))) {
        throw new AppError("FORBIDDEN", "the current password is wrong");
      }
      const problem = passwordProblem(input.password, row.email);
      if (problem) throw new AppError("BAD_REQUEST", problem);
      setPasswordHash(db, user.id, await hashPassword(input.password));
    },

    revoke(user: ActingUser, tokenId: string): void {
      if (!deleteToken(db, user.id, tokenId)) throw new AppError("NOT_FOUND", "token not found");
    },

    listTokens(user: ActingUser, currentTokenId?: string) {
      return listTokens(db, user.id).map((t) => ({ ...publicToken(t), current: t.id === currentTokenId }));
    },

    /** createToken issues an API token for CI or agents; the secret is returned once. */
    createToken(user: ActingUser, input: z.infer<typeof CreateTokenInputSchema>, meta: ClientMeta) {
      return issue(user.id, "api", input.name, input.expiresInDays, meta);
    },

    /** issueFor is the admin/CLI path: a token for a user found by address. */
    issueFor(email: string, name: string, days: number | undefined) {
      const user = findUserByAddress(db, email.toLowerCase());
      if (!user) throw new AppError("NOT_FOUND", `no user with address ${email}`);
      return issue(user.id, "api", name, days, { userAgent: "sandpit cli" });
    },

    listUsers: () => listUsers(db).map(publicUser),
    findUser: (email: string) => findUserByAddress(db, email.toLowerCase()),
  };

  function sessionFor(user: UserRow, meta: ClientMeta) {
    return issue(user.id, "session", "session", config.auth.sessionDays, meta);
  }

  function publicToken(t: TokenRow): PublicToken {
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
}

function unauthorized(): AppError {
  return new AppError("UNAUTHORIZED", "missing or invalid token");
}

/** publicUser is the API shape of a user. */
export function publicUser(u: UserRow): PublicUser {
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, createdAt: new Date(u.createdAt).toISOString() };
}

/** acting narrows a user row to what services need to enforce access rules. */
export function acting(u: UserRow): ActingUser {
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin };
}
