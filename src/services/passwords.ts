import { AppError } from "../errors.js";
import { hashPassword, verifyPassword } from "../lib/secrets.js";
import { Semaphore, SemaphoreBusy } from "../lib/semaphore.js";
import type { UserRow } from "../store/ports.js";
import type { ClientMeta } from "./account-shapes.js";
import type { AuditService } from "./audit.js";
import type { LoginGuard } from "./login-guard.js";

/** Password hashing is CPU-bound: two at a time (the machine's cores), a short queue, then 429. */
const KDF_SLOTS = 2;
const KDF_QUEUE = 32;

/** Passwords hashes and checks passwords: bounded, throttled, and as slow for unknown accounts. */
export interface Passwords {
  hash(password: string): Promise<string>;
  /** matches checks a password against a stored hash (the current password before a change). */
  matches(password: string, stored: string): Promise<boolean>;
  /**
   * login checks `password` for the account `user` found at `email` (undefined when none), without
   * clearing the failure count (the caller does, once every factor passed):
   * throttled per account and client (429), and hashing as long for an unknown address.
   */
  login(
    email: string,
    password: string | undefined,
    user: UserRow | undefined,
    client: string | undefined,
    meta: ClientMeta,
    /** The door, for the audit log: `web`, `smtp`, `imap`, `pop3`. */
    via?: string,
  ): Promise<UserRow>;
  /** guard is the same failure count, for doors that check tokens under an address (SMTP AUTH). */
  guard: LoginGuard;
}

/**
 * createPasswords hashes with bounded concurrency and checks logins through `guard`; every failed
 * password and every lock-out is written to the audit log.
 */
export function createPasswords(guard: LoginGuard, audit: AuditService): Passwords {
  const slots = new Semaphore(KDF_SLOTS, KDF_QUEUE);
  /** kdf runs password hashing within the bound; a full queue is a 429, not an ever-growing wait. */
  const kdf = <T>(fn: () => Promise<T>) =>
    slots.run(fn).catch((err: unknown) => {
      if (err instanceof SemaphoreBusy) {
        throw new AppError("RATE_LIMITED", "too many password checks in progress; try again", undefined, { retryAfterSeconds: 1 });
      }
      throw err;
    });
  /** A hash to check unknown addresses against, so a login takes as long whether or not the account exists. */
  let dummyHash: Promise<string> | undefined;
  const dummy = () => (dummyHash ??= hashPassword("sandpit-timing-equaliser"));

  return {
    guard,
    hash: (password) => kdf(() => hashPassword(password)),
    matches: (password, stored) => kdf(() => verifyPassword(password, stored)),
    async login(email, password, user, client, meta, via = "web") {
      // A refusal while locked is not logged again: the lock-out itself was, once (rate_limited).
      await guard.check(email, client);
      const stored = user?.passwordHash ?? (await dummy());
      const ok = await kdf(() => verifyPassword(password ?? "", stored));
      if (!user?.passwordHash || !password || !ok) {
        const lockedOut = await guard.failed(email, client);
        await audit.record({
          actorName: email,
          action: "login",
          target: via,
          targetUserId: user?.id,
          result: "failed",
          meta,
          detail: "wrong password",
        });
        if (lockedOut) await audit.record({ actorName: email, action: "rate_limited", target: "login", result: "limited", meta });
        throw new AppError("UNAUTHORIZED", "invalid email or password");
      }
      // The count is cleared by the caller once the whole login succeeded (a second factor may follow).
      return user;
    },
  };
}
