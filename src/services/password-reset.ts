import { z } from "zod";
import type { AccountConfig } from "../config-accounts.js";
import type { ActingUser } from "../domain/acting-user.js";
import { AppError } from "../errors.js";
import { EmailSchema } from "../lib/addresses.js";
import type { Logger } from "../lib/log.js";
import { issueOneTime, passwordProblem, secretMatches, splitToken } from "../lib/secrets.js";
import type { Mailer } from "../outbound/mailer.js";
import type { Store } from "../store/ports.js";
import type { ClientMeta } from "./account-shapes.js";
import type { AuditService } from "./audit.js";
import type { LoginGuard } from "./login-guard.js";
import type { Passwords } from "./passwords.js";
import type { RateLimits } from "./rate-limits.js";

const HOUR = 3_600_000;
const PREFIX = "rp";

export const ResetRequestSchema = z.object({ email: EmailSchema }).strict();
export const ResetSchema = z.object({ token: z.string().trim().min(1).max(200), password: z.string().max(256) }).strict();

/** PasswordReset is the way back in when a password is lost (password mode, #12). */
export interface PasswordReset {
  /**
   * request mails a one-time link when the account exists and a relay is set; it answers the same
   * either way and takes as long, so it tells nobody whether an account exists.
   */
  request(email: string, meta: ClientMeta): Promise<void>;
  /** createLink is the admin's way (console or CLI): the link to hand to the user. */
  createLink(
    actor: ActingUser | undefined,
    userId: number,
    baseUrl: string | undefined,
    meta?: ClientMeta,
  ): Promise<{ token: string; url: string | null; expiresAt: string }>;
  /** reset sets a new password with a link's token, once; every session of the user ends. */
  reset(input: z.infer<typeof ResetSchema>, meta: ClientMeta): Promise<void>;
}

export function createPasswordReset(deps: {
  store: Store;
  config: AccountConfig;
  passwordMode: boolean;
  mailer: Mailer | undefined;
  passwords: Passwords;
  guard: LoginGuard;
  limits: RateLimits;
  audit: AuditService;
  log: Logger;
}): PasswordReset {
  const { store, config, mailer, passwords, guard, limits, audit, log } = deps;
  const needsPasswordMode = () => {
    if (!deps.passwordMode) throw new AppError("BAD_REQUEST", "password reset is for password mode (SANDPIT_AUTH_MODE=password)");
  };
  const linkOf = (base: string | undefined, token: string) => (base ? `${base}/#/reset?token=${encodeURIComponent(token)}` : null);

  async function makeLink(userId: number) {
    const t = issueOneTime(PREFIX);
    const now = Date.now();
    await store.secrets.addReset({ id: t.id, userId, secretHash: t.secretHash, createdAt: now, expiresAt: now + HOUR });
    return { token: t.token, expiresAt: new Date(now + HOUR).toISOString() };
  }

  return {
    async request(email, meta) {
      needsPasswordMode();
      await limits.take("reset-request", meta.ip ?? "unknown", { meta });
      const user = await store.users.findByAddress(email);
      const eligible = user && user.disabledAt === null && user.expiresAt === null;
      const outcome = !eligible ? "no such account" : mailer ? "mailed" : "no relay: an admin must create the link";
      await audit.record({
        actorName: email,
        action: "password.reset_request",
        target: email,
        targetUserId: user?.id,
        result: "ok",
        meta,
        detail: outcome,
      });
      if (!eligible || !mailer) return;
      // Sent after answering: the time the relay takes would tell whether the account exists.
      void (async () => {
        const { token } = await makeLink(user.id);
        // Only the configured address: a request's Host header is the requester's to choose.
        const url = linkOf(config.relay.publicUrl, token);
        await mailer.send({
          from: config.relay.from ?? "sandpit@localhost",
          to: user.email,
          subject: "Reset your Sandpit password",
          text: `Someone (hopefully you) asked to reset the password of ${user.email} on Sandpit.\n\nOpen this link within an hour to choose a new one:\n${url}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
        });
      })().catch((err: unknown) => log.warn("cannot mail a password reset link", { error: err as Error }));
    },

    async createLink(actor, userId, baseUrl, meta) {
      needsPasswordMode();
      const user = await store.users.findById(userId);
      if (!user) throw new AppError("NOT_FOUND", `no user with id ${userId}`);
      if (user.expiresAt !== null) throw new AppError("BAD_REQUEST", "a throwaway inbox has no password: use its token");
      if (user.disabledAt !== null) throw new AppError("BAD_REQUEST", "the account is disabled: enable it first");
      const link = await makeLink(user.id);
      await audit.record({
        actor,
        actorName: "operator",
        action: "admin.reset_link",
        target: user.email,
        targetUserId: user.id,
        result: "ok",
        meta,
      });
      return { ...link, url: linkOf(config.relay.publicUrl ?? baseUrl, link.token) };
    },

    async reset(input, meta) {
      needsPasswordMode();
      await limits.take("reset", meta.ip ?? "unknown", { meta });
      const parts = splitToken(input.token, PREFIX);
      const now = Date.now();
      const found = parts ? await store.secrets.findReset(parts.id, now) : undefined;
      const user = found ? await store.users.findById(found.userId) : undefined;
      if (!parts || !found || !user || !secretMatches(parts.secret, found.secretHash)) {
        await audit.record({ action: "password.reset", result: "failed", meta, detail: "invalid, used or expired link" });
        throw new AppError("BAD_REQUEST", "this reset link is invalid, already used or expired; ask for a new one");
      }
      const problem = passwordProblem(input.password, user.email);
      if (problem) throw new AppError("BAD_REQUEST", problem);
      const hash = await passwords.hash(input.password);
      if (!(await store.secrets.useReset(parts.id, Date.now()))) {
        throw new AppError("BAD_REQUEST", "this reset link is invalid, already used or expired; ask for a new one");
      }
      await store.users.setPasswordHash(user.id, hash);
      const ended = await store.tokens.removeOtherSessions(user.id, undefined);
      await guard.succeeded(user.email);
      await audit.record({
        actor: user,
        action: "password.reset",
        targetUserId: user.id,
        result: "ok",
        meta,
        detail: `${ended} sessions ended`,
      });
    },
  };
}
