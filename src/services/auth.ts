import type { z } from "zod";
import type { Config } from "../config.js";
import type { ActingUser } from "../domain/acting-user.js";
import { actsAsAdmin } from "../domain/scopes.js";
import { AppError } from "../errors.js";
import { passwordProblem } from "../lib/secrets.js";
import type { Store, UserRow } from "../store/ports.js";
import {
  publicUser,
  type ChangePasswordInputSchema,
  type ClientMeta,
  type LoginInputSchema,
  type PublicToken,
  type PublicUser,
  type RegisterInputSchema,
  type UpdateProfileInputSchema,
} from "./account-shapes.js";
import type { AuditService } from "./audit.js";
import { createCredentials, type Credentials } from "./credentials.js";
import type { LoginGuard } from "./login-guard.js";
import { createPasswords, type Passwords } from "./passwords.js";
import type { RateLimits } from "./rate-limits.js";
import { createTokenOps, type TokenOps } from "./tokens.js";
import type { TwoFactor } from "./two-factor.js";

export * from "./account-shapes.js";
export type { MailLogin } from "./credentials.js";

type Session = { token: string; info: PublicToken };
/** NewAccount: an account an admin or the CLI creates (without a password, in password mode, when `byAdmin`). */
type NewAccount = z.infer<typeof RegisterInputSchema> & { isAdmin?: boolean; byAdmin?: boolean };
type Me = { user: PublicUser; addresses: string[]; scopes: string[] };

/** AuthService owns users, sessions and tokens (DESIGN §4): credentials (credentials.ts), tokens (tokens.ts) and accounts. */
export interface AuthService extends Credentials, Omit<TokenOps, "issue"> {
  /** createUser is the admin/CLI path: a user created without a session. */
  createUser(input: NewAccount): Promise<PublicUser>;
  /** register creates a user and a session token. With registration closed, only admins may. */
  register(
    input: z.infer<typeof RegisterInputSchema>,
    actor: ActingUser | undefined,
    meta: ClientMeta,
  ): Promise<{ user: PublicUser } & Session>;
  login(input: z.infer<typeof LoginInputSchema>, meta: ClientMeta): Promise<{ user: PublicUser } & Session>;
  me(user: ActingUser): Promise<Me>;
  updateProfile(user: ActingUser, input: z.infer<typeof UpdateProfileInputSchema>): Promise<Me>;
  changePassword(user: ActingUser, input: z.infer<typeof ChangePasswordInputSchema>, meta?: ClientMeta): Promise<void>;
}

/** AuthParts are the pieces other account services share with auth: password hashing and sessions. */
export interface AuthParts {
  passwords: Passwords;
  tokens: TokenOps;
  /** startSession signs a user in: a new session token, recorded in the audit log. */
  startSession(user: UserRow, meta: ClientMeta, how: string): ReturnType<AuthService["login"]>;
}

/** createAuthService owns users, sessions and tokens (DESIGN §4). */
export function createAuthService({
  store,
  config,
  audit,
  limits,
  guard,
  twoFactor,
}: {
  store: Store;
  config: Config;
  audit: AuditService;
  limits: RateLimits;
  guard: LoginGuard;
  twoFactor: TwoFactor;
}): AuthService & { parts: AuthParts } {
  const passwords = createPasswords(guard, audit);
  const credentials = createCredentials({ store, config, passwords, audit });
  const tokens = createTokenOps({ store, audit });

  async function createUser(input: NewAccount): Promise<UserRow> {
    // An admin may create an account without a password: its user sets one with a reset link.
    const needsPassword = config.auth.mode === "password" && !input.byAdmin;
    if (needsPassword && !input.password) throw new AppError("BAD_REQUEST", "a password is required");
    if (input.password) {
      const problem = passwordProblem(input.password, input.email);
      if (problem) throw new AppError("BAD_REQUEST", problem);
    }
    if (input.email.endsWith(`@${config.accounts.inboxes.domain}`)) {
      throw new AppError("BAD_REQUEST", `addresses at ${config.accounts.inboxes.domain} are for throwaway inboxes (POST /api/v1/inboxes)`);
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

  async function startSession(user: UserRow, meta: ClientMeta, how: string) {
    const session = await tokens.issue(user.id, "session", "session", config.auth.sessionDays, meta);
    await audit.record({ actor: user, action: how, target: session.info.id, targetUserId: user.id, result: "ok", meta });
    return { user: publicUser(user), ...session };
  }

  return {
    ...credentials,
    ...tokens,
    parts: { passwords, tokens, startSession },

    createUser: async (input) => publicUser(await createUser(input)),

    /** register creates a user and a session token. With registration closed, only admins may. */
    async register(input, actor, meta) {
      if (config.auth.registration === "closed" && !(actor && actsAsAdmin(actor))) {
        throw new AppError("REGISTRATION_CLOSED", "registration is closed; ask an admin to create your account");
      }
      // Open mode is for local use, where CI registers users freely; a shared (password) sandbox counts them.
      // Only an admin's calls are not counted: any other token may not register accounts at will.
      if (!(actor && actsAsAdmin(actor)) && config.auth.mode === "password") await limits.take("register", meta.ip ?? "unknown", { meta });
      return startSession(await createUser(input), meta, "register");
    },

    /** login checks the password (and a two-factor code once enrolled) in password mode; only the address in open mode. */
    async login(input, meta) {
      const found = await store.users.findByAddress(input.email);
      if (config.auth.mode !== "password") {
        if (!found) throw new AppError("UNAUTHORIZED", "no account uses this address; register it first");
        if (found.disabledAt !== null || found.expiresAt !== null) throw new AppError("UNAUTHORIZED", "this account cannot sign in");
        return startSession(found, meta, "login");
      }
      const user = await passwords.login(input.email, input.password, found, meta.ip, meta);
      if (user.disabledAt !== null || user.expiresAt !== null) {
        await audit.record({ actor: user, action: "login", targetUserId: user.id, result: "denied", meta, detail: "disabled" });
        throw new AppError("UNAUTHORIZED", "this account is disabled");
      }
      await twoFactor.checkLogin(user, input.code, meta, input.email);
      await guard.succeeded(input.email);
      return startSession(user, meta, "login");
    },

    me,

    async updateProfile(user, input) {
      await store.users.setName(user.id, input.name);
      return me(user);
    },

    /**
     * changePassword sets a new password; the current one is required when one is set. Every other
     * session of the user ends (a changed password is how a user locks out whoever knew the old one).
     */
    async changePassword(user: ActingUser, input: z.infer<typeof ChangePasswordInputSchema>, meta?: ClientMeta): Promise<void> {
      const row = await store.users.findById(user.id);
      if (!row) throw unauthorized();
      const current = input.current;
      const stored = row.passwordHash;
      // Guessing the current password with a stolen session counts like guessing it at login.
      await guard.check(row.email, meta?.ip);
      if (stored && !(current && (await passwords.matches(current, stored)))) {
        const lockedOut = await guard.failed(row.email, meta?.ip);
        if (lockedOut) await audit.record({ actor: user, action: "rate_limited", target: "login", result: "limited", meta });
        await audit.record({
          actor: user,
          action: "password.change",
          targetUserId: user.id,
          result: "failed",
          meta,
          detail: "wrong current password",
        });
        throw new AppError("FORBIDDEN", "the current password is wrong");
      }
      const problem = passwordProblem(input.password, row.email);
      if (problem) throw new AppError("BAD_REQUEST", problem);
      await store.users.setPasswordHash(user.id, await passwords.hash(input.password));
      const ended = await store.tokens.removeOtherSessions(user.id, user.tokenId);
      await audit.record({
        actor: user,
        action: "password.change",
        targetUserId: user.id,
        result: "ok",
        meta,
        detail: `${ended} other sessions ended`,
      });
    },
  };

  async function me(user: ActingUser) {
    const row = await store.users.findById(user.id);
    if (!row) throw unauthorized();
    return { user: publicUser(row), addresses: await store.users.addressesOf(user.id), scopes: [...user.scopes] };
  }
}

function unauthorized(): AppError {
  return new AppError("UNAUTHORIZED", "missing or invalid token");
}

function conflict(): AppError {
  return new AppError("CONFLICT", "this address is already registered");
}
