import type { Config } from "../config.js";
import type { ActingUser } from "../domain/acting-user.js";
import { requireScope, type Scope } from "../domain/scopes.js";
import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import { secretMatches, splitToken } from "../lib/secrets.js";
import type { Store, TokenRow, UserRow } from "../store/ports.js";
import { acting, type Authenticated, type ClientMeta } from "./account-shapes.js";
import type { AuditService } from "./audit.js";
import type { Passwords } from "./passwords.js";

/** last_used_at is written at most this often per token (less when sessions idle out sooner). */
const TOUCH_EVERY_MS = 60_000;

/** MailLogin is one login at a mail door: SMTP AUTH, IMAP LOGIN/AUTHENTICATE, POP3 USER/PASS or AUTH. */
export interface MailLogin {
  username: string;
  secret: string;
  client: string | undefined;
  door: "smtp" | "imap" | "pop3";
  /** What the door is for: `send` for SMTP submission, `read` for IMAP and POP3. */
  scope: Scope;
}

/** Credentials checks presented tokens and passwords (DESIGN §3.1), the same way for every door. */
export interface Credentials {
  /**
   * authenticate checks a bearer token, or basic auth (username = one of the token owner's
   * addresses, password = the token); basic-auth failures count in the login guard like a wrong
   * password, per address and client.
   */
  authenticate(token: string, basicUser?: string, client?: ClientMeta): Promise<Authenticated>;
  authenticateMail(login: MailLogin): Promise<ActingUser>;
  stillValid(user: ActingUser): Promise<boolean>;
}

export function createCredentials({
  store,
  config,
  passwords,
  audit,
}: {
  store: Store;
  config: Config;
  passwords: Passwords;
  audit: AuditService;
}): Credentials {
  const idleMs = config.accounts.sessionIdleMs;
  const touchEvery = Math.min(TOUCH_EVERY_MS, Math.max(1000, Math.floor(idleMs / 4)));

  /** ended tells why a token no longer works (expired, idle too long), or undefined while it does. */
  function ended(row: TokenRow, now: number): string | undefined {
    if (row.expiresAt !== null && row.expiresAt <= now) return "token has expired";
    if (row.kind === "session" && now - (row.lastUsedAt ?? row.createdAt) > idleMs) return "session ended after being idle";
    return undefined;
  }

  /** usable is a user who may sign in: not disabled, and not a throwaway inbox past its end. */
  const usable = (u: UserRow | undefined, now: number): u is UserRow =>
    u !== undefined && u.disabledAt === null && (u.expiresAt === null || u.expiresAt > now);

  /**
   * A valid token is never locked out: its 256-bit secret cannot be guessed, and locking it would
   * only let anyone who knows an address stop that account's CI. Failures still count, and while
   * an address is locked every wrong token or password for it is refused (429) unchecked.
   */
  async function refused(account: string, client: ClientMeta, via: string, why: string): Promise<AppError> {
    try {
      await passwords.guard.check(account, client.ip);
    } catch (err) {
      return err as AppError;
    }
    const lockedOut = await passwords.guard.failed(account, client.ip);
    await audit.record({ actorName: account, action: "login", target: via, result: "failed", meta: client, detail: why });
    if (lockedOut) await audit.record({ actorName: account, action: "rate_limited", target: "login", result: "limited", meta: client });
    return new AppError("UNAUTHORIZED", why);
  }

  async function authenticate(token: string, basicUser?: string, client?: ClientMeta): Promise<Authenticated> {
    if (basicUser === undefined || !client) return check(token, basicUser);
    try {
      return await check(token, basicUser);
    } catch (err) {
      if (!(err instanceof AppError && err.code === "UNAUTHORIZED")) throw err;
      throw await refused(normalizeAddress(basicUser), client, "http basic", err.message);
    }
  }

  async function check(token: string, basicUser?: string): Promise<Authenticated> {
    const parts = splitToken(token);
    const found = parts ? await store.tokens.findWithUser(parts.id) : undefined;
    if (!parts || !found || !secretMatches(parts.secret, found.token.secretHash)) throw unauthorized();
    const { token: row, user } = found;
    const now = Date.now();
    const why = ended(row, now);
    if (why) throw new AppError("UNAUTHORIZED", why);
    if (!usable(user, now)) throw new AppError("UNAUTHORIZED", "this account is disabled");
    // A throwaway inbox acts for its maker: it stops when they are disabled or gone.
    if (user.createdBy !== null && !usable(await store.users.findById(user.createdBy), now)) {
      throw new AppError("UNAUTHORIZED", "this inbox's owner is disabled");
    }
    if (basicUser !== undefined && !(await store.users.addressesOf(user.id)).includes(normalizeAddress(basicUser))) {
      throw unauthorized();
    }
    if (row.lastUsedAt === null || now - row.lastUsedAt > touchEvery) await store.tokens.touch(row.id, now);
    const needsTwoFactor = config.accounts.adminTwoFactor === "required" && user.isAdmin && user.totpEnabledAt === null;
    return {
      user: { ...acting(user, row), ...(needsTwoFactor ? { adminNeedsTwoFactor: true } : {}) },
      tokenId: row.id,
      tokenKind: row.kind,
    };
  }

  return {
    authenticate,

    async authenticateMail({ username, secret, client, door, scope }) {
      const account = normalizeAddress(username);
      const meta: ClientMeta = { ip: client, userAgent: door };
      let user: ActingUser | undefined;
      if (splitToken(secret)) {
        try {
          user = (await check(secret, account)).user;
        } catch (err) {
          if (!(err instanceof AppError && err.code === "UNAUTHORIZED")) throw err;
        }
      }
      if (!user && config.auth.mode === "password") {
        // passwords.login checks the lock-out first, then counts a wrong password.
        const row = await passwords.login(account, secret, await store.users.findByAddress(account), client, meta, door);
        if (!usable(row, Date.now())) throw new AppError("UNAUTHORIZED", "this account is disabled");
        if (row.totpEnabledAt !== null) {
          throw new AppError("UNAUTHORIZED", "two-factor is on for this account: log in with a token from the account page");
        }
        user = acting(row);
        await passwords.guard.succeeded(account);
      }
      if (!user) throw await refused(account, meta, door, "invalid address or token");
      requireScope(user, scope);
      await audit.record({ actor: user, action: "login", target: door, targetUserId: user.id, result: "ok", meta });
      return user;
    },

    /**
     * stillValid tells whether a user may go on acting: not disabled, and the token they act by (if
     * any) not revoked, logged out, expired or idle. Streams, waits and mail sessions end when it stops.
     */
    async stillValid(user: ActingUser): Promise<boolean> {
      const now = Date.now();
      if (user.id > 0 && !usable(await store.users.findById(user.id), now)) return false;
      if (!user.tokenId) return true;
      const row = await store.tokens.find(user.tokenId);
      return row !== undefined && row.userId === user.id && ended(row, now) === undefined;
    },
  };
}

function unauthorized(): AppError {
  return new AppError("UNAUTHORIZED", "missing or invalid token");
}
