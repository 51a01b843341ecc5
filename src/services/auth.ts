import type { z } from "zod";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import { issueToken, passwordProblem, secretMatches, splitToken } from "../lib/secrets.js";
import type { Store, UserRow } from "../store/ports.js";
import {
  acting,
  publicToken,
  publicUser,
  type AuthService,
  type Authenticated,
  type ChangePasswordInputSchema,
  type ClientMeta,
  type CreateTokenInputSchema,
  type LoginInputSchema,
  type RegisterInputSchema,
  type UpdateProfileInputSchema,
} from "./account-shapes.js";
import type { ActingUser } from "../domain/acting-user.js";
import { createPasswords } from "./passwords.js";

export * from "./account-shapes.js";

const DAY = 86_400_000;
/** last_used_at is written at most this often per token, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

/** createAuthService owns users and tokens (DESIGN §4). */
export function createAuthService({ store, config }: { store: Store; config: Config }): AuthService {
  const passwords = createPasswords(config);

  async function issue(userId: number, kind: "session" | "api", name: string, days: number | undefined, meta: ClientMeta) {
    const t = issueToken();
    const row = await store.tokens.insert({
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
    if (await store.users.findByAddress(input.email)) throw conflict();
    const password = input.password;
    const user = await store.users.insert({
      email: input.email,
      name: input.name ?? "",
      passwordHash: password ? await passwords.hash(password) : null,
      isAdmin: input.isAdmin ?? false,
    });
    // Another registration of the address may have won the race while the password was hashed.
    if (!user) throw conflict();
    await store.index.backfill({ address: input.email });
    return user;
  }

  const service: AuthService = {
    /** createUser is the admin/CLI path: a user created without a session. */
    createUser: async (input: z.infer<typeof RegisterInputSchema> & { isAdmin?: boolean }) => publicUser(await createUser(input)),

    /** register creates a user and a session token. With registration closed, only admins may. */
    async register(input: z.infer<typeof RegisterInputSchema>, actor: ActingUser | undefined, meta: ClientMeta) {
      if (config.auth.registration === "closed" && !actor?.isAdmin) {
        throw new AppError("REGISTRATION_CLOSED", "registration is closed; ask an admin to create your account");
      }
      const user = await createUser(input);
      return { user: publicUser(user), ...(await sessionFor(user, meta)) };
    },

    /** login checks the password in password mode (only the address in open mode). */
    async login(input: z.infer<typeof LoginInputSchema>, meta: ClientMeta) {
      const found = await store.users.findByAddress(input.email);
      const user = config.auth.mode === "password" ? await passwords.login(input.email, input.password, found, meta.ip) : found;
      if (!user) throw new AppError("UNAUTHORIZED", "no account uses this address; register it first");
      return { user: publicUser(user), ...(await sessionFor(user, meta)) };
    },

    /**
     * authenticate checks a presented token. With basic auth, the username must be one of the
     * token owner's addresses, so a token cannot be replayed under another user's name.
     */
    async authenticate(token: string, basicUser?: string): Promise<Authenticated> {
      const parts = splitToken(token);
      const row = parts ? await store.tokens.find(parts.id) : undefined;
      if (!parts || !row || !secretMatches(parts.secret, row.secretHash)) throw unauthorized();
      const now = Date.now();
      if (row.expiresAt !== null && row.expiresAt <= now) throw new AppError("UNAUTHORIZED", "token has expired");
      const user = await store.users.findById(row.userId);
      if (!user) throw unauthorized();
      if (basicUser !== undefined && !(await store.users.addressesOf(user.id)).includes(normalizeAddress(basicUser))) {
        throw unauthorized();
      }
      if (row.lastUsedAt === null || now - row.lastUsedAt > TOUCH_EVERY_MS) await store.tokens.touch(row.id, now);
      return { user: acting(user, row.id), tokenId: row.id, tokenKind: row.kind };
    },

    async authenticateMail(username, secret, client) {
      const account = normalizeAddress(username);
      await passwords.guard.check(account, client);
      if (splitToken(secret)) {
        try {
          const { user } = await service.authenticate(secret, account);
          await passwords.guard.succeeded(account);
          return user;
        } catch (err) {
          if (!(err instanceof AppError && err.code === "UNAUTHORIZED")) throw err;
        }
      }
      if (config.auth.mode === "password") {
        const user = await passwords.login(account, secret, await store.users.findByAddress(account), client);
        return acting(user);
      }
      await passwords.guard.failed(account, client);
      throw new AppError("UNAUTHORIZED", "invalid address or token");
    },

    /**
     * stillValid tells whether the token a user acts by still works (not revoked, logged out or
     * expired): long-lived streams and waits end when it stops. Callers without a token (the CLI) are valid.
     */
    async stillValid(user: ActingUser): Promise<boolean> {
      if (!user.tokenId) return true;
      const row = await store.tokens.find(user.tokenId);
      return row !== undefined && row.userId === user.id && (row.expiresAt === null || row.expiresAt > Date.now());
    },

    me,

    /** updateProfile changes my display name (used as the From name when I send). */
    async updateProfile(user: ActingUser, input: z.infer<typeof UpdateProfileInputSchema>) {
      await store.users.setName(user.id, input.name);
      return me(user);
    },

    /**
     * changePassword sets a new password; the current one is required when one is set. Every other
     * session of the user ends (a changed password is how a user locks out whoever knew the old one).
     */
    async changePassword(user: ActingUser, input: z.infer<typeof ChangePasswordInputSchema>): Promise<void> {
      const row = await store.users.findById(user.id);
      if (!row) throw unauthorized();
      const current = input.current;
      const stored = row.passwordHash;
      if (stored && !(current && (await passwords.matches(current, stored)))) {
        throw new AppError("FORBIDDEN", "the current password is wrong");
      }
      const problem = passwordProblem(input.password, row.email);
      if (problem) throw new AppError("BAD_REQUEST", problem);
      await store.users.setPasswordHash(user.id, await passwords.hash(input.password));
      await store.tokens.removeOtherSessions(user.id, user.tokenId);
    },

    async revoke(user: ActingUser, tokenId: string): Promise<void> {
      if (!(await store.tokens.remove(user.id, tokenId))) throw new AppError("NOT_FOUND", "token not found");
    },

    async listTokens(user: ActingUser, currentTokenId?: string) {
      return (await store.tokens.listOf(user.id)).map((t) => ({ ...publicToken(t), current: t.id === currentTokenId }));
    },

    /** createToken issues an API token for CI or agents; the secret is returned once. */
    createToken(user: ActingUser, input: z.infer<typeof CreateTokenInputSchema>, meta: ClientMeta) {
      return issue(user.id, "api", input.name, input.expiresInDays, meta);
    },

    /** issueFor is the admin/CLI path: a token for a user found by address. */
    async issueFor(email: string, name: string, days: number | undefined) {
      const user = await store.users.findByAddress(normalizeAddress(email));
      if (!user) throw new AppError("NOT_FOUND", `no user with address ${email}`);
      return issue(user.id, "api", name, days, { userAgent: "sandpit cli" });
    },
  };
  return service;

  function sessionFor(user: UserRow, meta: ClientMeta) {
    return issue(user.id, "session", "session", config.auth.sessionDays, meta);
  }

  async function me(user: ActingUser) {
    const row = await store.users.findById(user.id);
    if (!row) throw unauthorized();
    return { user: publicUser(row), addresses: await store.users.addressesOf(user.id) };
  }
}

function unauthorized(): AppError {
  return new AppError("UNAUTHORIZED", "missing or invalid token");
}

function conflict(): AppError {
  return new AppError("CONFLICT", "this address is already registered");
}
